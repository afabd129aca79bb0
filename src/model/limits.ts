/**
 * How big a workload the model agrees to run. The model is synchronous: a controller creates its
 * pods inside one reconcile, and scheduling work grows with the square of the pods, so an
 * unbounded `replicas` would freeze the grader (and the browser playground) instead of failing.
 * The course needs two or three pods per exercise; anything past these caps is refused at
 * admission as "not modelled" (run it on a real cluster), and the controllers clamp again so no
 * path around admission can make them loop for long.
 */

/** The most replicas one Deployment or StatefulSet may ask for. */
export const MAX_MODELLED_REPLICAS = 50;

/** The most pods one namespace may plan for: bare Pods plus the replicas of its Deployments and StatefulSets. */
export const MAX_MODELLED_PODS = 100;
