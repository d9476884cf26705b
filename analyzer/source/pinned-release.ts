/** The Unikraft release `--fetch` clones, and where from. Bump both together with the explanations in content/. */

/** Tag cloned by `--fetch` (the explanations were checked against this release). */
export const PINNED_TAG = 'RELEASE-0.17.0';

/** Upstream repository; also what the model links to for the cache and clone origins. */
export const UPSTREAM_URL = 'https://github.com/unikraft/unikraft';
