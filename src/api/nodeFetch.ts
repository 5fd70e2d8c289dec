/**
 * node-fetch, as a module of its own: the entry of dist/fetch.js, which api/http.ts loads on the
 * first request. node-fetch is a fifth of the main bundle, and nothing on the activation path
 * sends a request, so it is not loaded (or parsed) until one is sent.
 */
export { default as fetch, FetchError } from 'node-fetch';
