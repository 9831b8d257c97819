import type { SchedulerPlugin } from '../types.js';
import { NodeUnschedulable } from './nodeUnschedulable.js';
import { NodeName } from './nodeName.js';
import { TaintToleration } from './taintToleration.js';
import { NodeAffinity } from './nodeAffinity.js';
import { NodePorts } from './nodePorts.js';
import { NodeResourcesFit } from './nodeResourcesFit.js';
import { PodTopologySpread } from './podTopologySpread.js';
import { InterPodAffinity } from './interPodAffinity.js';
import { NodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation.js';
import { VolumeBinding } from './volumeBinding.js';

/** The default profile's plugins, in kube-scheduler's order. One line per plugin. */
export const plugins: SchedulerPlugin[] = [
  NodeUnschedulable,
  NodeName,
  TaintToleration,
  NodeAffinity,
  NodePorts,
  NodeResourcesFit,
  VolumeBinding,
  PodTopologySpread,
  InterPodAffinity,
  NodeResourcesBalancedAllocation,
];
