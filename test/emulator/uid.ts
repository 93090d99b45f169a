/** Grafana's uid rules for dashboards and folders (`pkg/util/shortid_generator.go`). */
import { randomUUID } from 'node:crypto';

/** Grafana rejects longer uids; k8s object names must stay short too. */
const maxUidLength = 40;

/** Returns Grafana's error message when `uid` breaks a rule, or undefined when it is valid. */
export function findUidProblem(uid: string): string | undefined {
  if (!/^[a-zA-Z0-9_-]*$/.test(uid)) {
    return 'uid contains illegal characters';
  }
  if (uid.length > maxUidLength) {
    return `uid too long, max ${maxUidLength} characters`;
  }

  return undefined;
}

/** A uid for an object saved without one: a random UUID, as Grafana 12 does. */
export function generateUid(): string {
  return randomUUID();
}
