import type { ConnectionProfile } from '../../platform/connectionProfile';
import type { DeployTarget } from '../target';
import { confluentCloudTarget, type ConfluentCloudObserved } from './confluentCloudTarget';
import { sqlGatewayTarget, type SqlGatewayObserved } from './sqlGatewayTarget';

/** Every deploy target, in the order a profile is matched; the self-managed SQL Gateway, the default, is last. */
const TARGETS = [confluentCloudTarget, sqlGatewayTarget] as const;

/** `DesiredState.target`: the id of one of TARGETS. */
export type TargetId = (typeof TARGETS)[number]['id'];

/** The targets' parts of ObservedState (each target its own keys). */
export type TargetObservations = ConfluentCloudObserved & SqlGatewayObserved;

type AnyTarget = DeployTarget<TargetObservations, TargetId>;

/** The target a profile deploys to: the first whose profile block it has (`confluentCloud`…), else the SQL Gateway. */
export function targetFor(profile: ConnectionProfile): AnyTarget {
  return TARGETS.find((t) => t.selectedBy(profile)) ?? sqlGatewayTarget;
}

/** The target a desired state was read for. */
export function targetById(id: string): AnyTarget {
  const target = TARGETS.find((t) => t.id === id);
  if (!target) throw new Error(`no deploy target "${id}" (known: ${TARGETS.map((t) => t.id).join(', ')})`);
  return target;
}
