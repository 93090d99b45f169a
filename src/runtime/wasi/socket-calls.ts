/**
 * The sock_* calls of preview1. A generator has no sockets: there is no socket descriptor to
 * pass, and every call is ENOTCAPABLE whatever it is given. (Calls that open sockets, such as
 * sock_open, are not part of preview1; modules importing them are refused before they run.)
 */
import type { WasiFunctions } from './call-context.js';
import { errno } from './errno.js';

type SocketCallName = 'sock_accept' | 'sock_recv' | 'sock_send' | 'sock_shutdown';

/** The sock_* calls, all refused. */
export function createSocketCalls(): WasiFunctions<SocketCallName> {
  const refuse = (): number => errno.notCapable;

  return {
    sock_accept: refuse,
    sock_recv: refuse,
    sock_send: refuse,
    sock_shutdown: refuse,
  };
}
