/** An object every read of which throws, as a hostile getter or proxy would. */
export function hostileObject(): object {
  const boom = () => {
    throw new Error('boom');
  };
  return new Proxy({}, { get: boom, ownKeys: boom });
}
