import type { Detector } from '../../detector.js';
import { anthropicGluedKey, anthropicKey } from './anthropic.js';
import { argvArray } from './argv-array.js';
import { authorizationHeader } from './authorization-header.js';
import { awsAccessKeyId } from './aws.js';
import { basicAuthHeader, curlUserCredentials } from './basic-auth.js';
import { bearerToken } from './bearer.js';
import { commandPasswordFlag } from './command-password-flag.js';
import { connectionStringKeyValue, connectionStringUri } from './connection-string.js';
import { cookieHeader, curlCookie } from './cookie.js';
import { keyInCjkProse, passwordInCjkProse } from './credential-in-cjk-prose.js';
import { discordWebhook } from './discord-webhook.js';
import { dockerfileEnv } from './dockerfile-env.js';
import { dopplerToken } from './doppler.js';
import { flagValue } from './flag-value.js';
import { genericAssignment } from './generic.js';
import { githubAppToken, githubToken } from './github.js';
import { googleGluedKey, googleKey } from './google.js';
import { htmlPasswordInput } from './html-password-input.js';
import { htmlTable } from './html-table.js';
import { htpasswdPassword } from './htpasswd-password.js';
import { jwtToken } from './jwt.js';
import { jwtAcrossLines } from './jwt-across-lines.js';
import { jwtWrapped } from './jwt-wrapped.js';
import { keyInProse } from './key-in-prose.js';
import { mailgunKey } from './mailgun.js';
import { mysqlPassword } from './mysql-password.js';
import { namedValuePair } from './named-value-pair.js';
import { netrcPassword } from './netrc-password.js';
import { openaiGluedKey, openaiKey } from './openai.js';
import { groqGluedKey, OTHER_TOKEN_DETECTORS } from './other-tokens.js';
import { passwordInLocalizedProse } from './password-in-localized-prose.js';
import { passwordInProse } from './password-in-prose.js';
import { presignedUrlSignature } from './presigned-url.js';
import { privateKey } from './private-key.js';
import { registryAuth } from './registry-auth.js';
import { secureStringPassword } from './secure-string-password.js';
import { seedPhrase } from './seed-phrase.js';
import { slackGluedToken, slackToken, slackWebhook } from './slack.js';
import { sqlIdentifiedBy, sqlPasswordLiteral } from './sql-password.js';
import { sshpassPassword } from './sshpass-password.js';
import { stripeGluedKey, stripeKey } from './stripe.js';
import { tableColumn } from './table-column.js';
import { telegramBotToken } from './telegram.js';
import { xmlCredential } from './xml-element.js';
import { xmlNamedValue } from './xml-named-value.js';

/** Every built-in secret detector, specific formats first. */
export const SECRET_DETECTORS: readonly Detector[] = [
  openaiKey,
  openaiGluedKey,
  anthropicKey,
  anthropicGluedKey,
  awsAccessKeyId,
  githubToken,
  githubAppToken,
  slackToken,
  slackGluedToken,
  slackWebhook,
  discordWebhook,
  presignedUrlSignature,
  stripeKey,
  stripeGluedKey,
  googleKey,
  googleGluedKey,
  jwtToken,
  jwtAcrossLines,
  jwtWrapped,
  privateKey,
  seedPhrase,
  bearerToken,
  authorizationHeader,
  basicAuthHeader,
  curlUserCredentials,
  registryAuth,
  cookieHeader,
  curlCookie,
  mysqlPassword,
  sshpassPassword,
  commandPasswordFlag,
  netrcPassword,
  htmlPasswordInput,
  htpasswdPassword,
  secureStringPassword,
  flagValue,
  argvArray,
  sqlIdentifiedBy,
  sqlPasswordLiteral,
  connectionStringUri,
  connectionStringKeyValue,
  telegramBotToken,
  mailgunKey,
  dopplerToken,
  ...OTHER_TOKEN_DETECTORS,
  groqGluedKey,
  xmlCredential,
  xmlNamedValue,
  namedValuePair,
  dockerfileEnv,
  passwordInProse,
  keyInProse,
  passwordInLocalizedProse,
  passwordInCjkProse,
  keyInCjkProse,
  tableColumn,
  htmlTable,
  genericAssignment,
];
