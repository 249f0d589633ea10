/** Members that name the command an argument list is for (`{ cmd: 'sshpass', args }`). */
const COMMAND_MEMBERS = ['cmd', 'command', 'program', 'executable', 'Cmd', 'Command', 'Program'];
/** Members holding the arguments of the command named beside them. */
const ARGUMENT_MEMBERS: ReadonlySet<string> = new Set(['args', 'argv', 'arguments', 'Args']);

/**
 * The command an object names beside its argument list: `{ cmd: 'sshpass', args: […] }`,
 * Kubernetes' `{ command: ['sshpass'], args: […] }` (the array's first element). Read from
 * own data members only, never a getter (a getter may throw or change what it gives).
 * Undefined when there is none, or no argument member to apply it to.
 */
export function siblingCommand(value: object): string | undefined {
  if (!Object.keys(value).some((k) => ARGUMENT_MEMBERS.has(k))) return undefined;
  for (const member of COMMAND_MEMBERS) {
    const held = Object.getOwnPropertyDescriptor(value, member)?.value;
    const name = Array.isArray(held) ? held[0] : held;
    if (typeof name === 'string' && name.length > 0) return name;
  }
  return undefined;
}

/** Whether `key` names the command of an argument list beside it (`cmd`, `command`). */
export function isCommandMember(key: string): boolean {
  return COMMAND_MEMBERS.includes(key);
}

/** Whether `key` holds the arguments of a command named in a sibling member. */
export function isArgumentMember(key: string): boolean {
  return ARGUMENT_MEMBERS.has(key);
}
