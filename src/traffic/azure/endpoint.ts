// Which ARM endpoint the SDK talks to, and how it reaches a plain-http emulator on loopback.
//
// The trap: core-rest-pipeline's bearer policy throws on any non-https URL ("Bearer token authentication
// is not permitted for non-TLS protected (non-https) URLs"), and its Node client refuses http unless the
// request allows insecure connections. So for a loopback emulator the SDK is given `https://<host>:<port>`
// (auth, retries and LRO polling run exactly as in production) and a custom HttpClient — the last stage of
// the pipeline — sends those requests over http to the same host, adding `X-Forwarded-Proto: https` like a
// TLS-terminating proxy so the emulator writes its nextLink / Azure-AsyncOperation URLs with https too.
import {
  bearerTokenAuthenticationPolicyName,
  createDefaultHttpClient,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { TrafficError } from '../../model/errors.js';

/** Azure public cloud ARM. Sovereign clouds: https://management.usgovcloudapi.net, https://management.chinacloudapi.cn. */
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface ResolvedEndpoint {
  /** The https origin given to the SDK (also the token scope `<endpoint>/.default`). */
  endpoint: string;
  /** Set for a plain-http loopback emulator. */
  httpClient: HttpClient | undefined;
  /** Set for a plain-http loopback emulator: adds the policy that keeps its own http links (operation URLs, nextLink) on the https form. */
  adapt?: (pipeline: Pipeline) => void;
}

const HTTPS_HINT =
  'ARM endpoints are https (https://management.azure.com, or a sovereign cloud such as https://management.usgovcloudapi.net); ' +
  'plain http is accepted only for a local emulator on 127.0.0.0/8, ::1 or localhost, with allowInsecureLoopback';

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

// Validates the ARM endpoint and, for http on loopback, builds the client that downgrades the scheme.
export function resolveArmEndpoint(endpoint: string = DEFAULT_ARM_ENDPOINT, allowInsecureLoopback = false): ResolvedEndpoint {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `ARM endpoint ${JSON.stringify(endpoint)} is not a URL`, { hint: HTTPS_HINT });
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '' || url.password !== '') {
    throw new TrafficError(
      'RG_TRAFFIC_PREFLIGHT',
      `ARM endpoint ${endpoint} must be an origin (scheme, host, port) without a path or query`,
      {
        hint: `use ${url.origin}`,
      },
    );
  }
  if (url.protocol === 'https:') return { endpoint: url.origin, httpClient: undefined };
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `refusing ARM endpoint ${endpoint}: bearer tokens are only sent over https`, {
      hint: HTTPS_HINT,
    });
  }
  if (!allowInsecureLoopback) {
    throw new TrafficError('RG_TRAFFIC_PREFLIGHT', `ARM endpoint ${endpoint} is plain http`, {
      hint: 'for a local emulator, set allowInsecureLoopback: true; real ARM endpoints are https',
    });
  }
  const secure = `https://${url.host}`;
  const plain = `http://${url.host}`;
  return {
    endpoint: secure,
    httpClient: loopbackHttpClient(secure, plain),
    adapt: (pipeline) => pipeline.addPolicy(loopbackLinkPolicy(plain, secure), { beforePolicies: [bearerTokenAuthenticationPolicyName] }),
  };
}

/**
 * An emulator may write its absolute links (Azure-AsyncOperation, Location, nextLink) with plain
 * `http://` — the SDK then follows them and the bearer policy refuses to sign them. This policy runs
 * before the bearer policy and moves links to the configured loopback origin onto its https form
 * (which the loopback HttpClient sends over http again). Links to any other origin are untouched, so
 * a token is never sent in the clear to anything but the configured loopback emulator.
 */
export function loopbackLinkPolicy(plainOrigin: string, secureOrigin: string): PipelinePolicy {
  return {
    name: 'revgateLoopbackLinkPolicy',
    sendRequest(request, next) {
      if (request.url === plainOrigin || request.url.startsWith(`${plainOrigin}/`))
        request.url = secureOrigin + request.url.slice(plainOrigin.length);
      return next(request);
    },
  };
}

// An HttpClient sending requests for `secureOrigin` to `plainOrigin` over http; others pass through unchanged.
export function loopbackHttpClient(secureOrigin: string, plainOrigin: string, inner: HttpClient = createDefaultHttpClient()): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (!request.url.startsWith(`${secureOrigin}/`) && request.url !== secureOrigin) return inner.sendRequest(request);
      // The retry policy re-sends this same object through the bearer policy: restore the https URL afterwards.
      const { url, allowInsecureConnection } = request;
      request.url = plainOrigin + url.slice(secureOrigin.length);
      request.allowInsecureConnection = true;
      request.headers.set('x-forwarded-proto', 'https');
      try {
        return await inner.sendRequest(request);
      } finally {
        request.url = url;
        request.allowInsecureConnection = allowInsecureConnection;
      }
    },
  };
}
