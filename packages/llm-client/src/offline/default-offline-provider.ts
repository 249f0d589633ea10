import { offlineProvider } from './offline-provider.js';

/** The offline stub provider: deterministic, no network, no key. The package's default export. */
const offline = offlineProvider();
export default offline;
