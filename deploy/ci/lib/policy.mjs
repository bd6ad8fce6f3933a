// Policy checks on the rendered objects of an overlay: what docs/deploy.md promises about every workload.
// checkPolicies(objects, expectations) returns a list of problems (strings); empty means compliant.

/** Containers that may run privileged or as root, and only in a workload that says why. */
export const PRIVILEGED_ALLOWED = new Set(['compile-worker', 'dind']);
export const PRIVILEGED_REASON = 'corazy.dev/privileged-reason';
const NODE_SERVICES = new Set(['gateway', 'auth', 'compile', 'relay', 'compile-worker']);

export const EXPECTATIONS = {
  dev: {
    replicas: { gateway: 1, auth: 1, relay: 1, compile: 1, 'compile-worker': 1, web: 1 },
    hpa: { relay: { min: 1, max: 2, cpu: 70 } },
    keda: false,
  },
  prod: {
    replicas: { gateway: 2, auth: 2, relay: 2, compile: 1, 'compile-worker': 1, web: 2 },
    hpa: { relay: { min: 2, max: 5, cpu: 70 } },
    keda: true,
  },
};

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const podSpecOf = (o) => (o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template);
const nameOf = (o) => `${o.kind}/${o.metadata?.namespace ?? '-'}/${o.metadata?.name}`;
const matches = (selector = {}, labels = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

export function checkPolicies(objects, expectations) {
  const problems = [];
  const problem = (object, message) => problems.push(`${nameOf(object)}: ${message}`);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);

  for (const ns of ['corazy', 'monitoring']) {
    if (!byKind('Namespace').some((o) => o.metadata?.name === ns))
      problems.push(`Namespace ${ns} is missing`);
  }

  for (const object of objects.filter((o) => workloadKinds.has(o.kind))) {
    const template = podSpecOf(object);
    const pod = template?.spec ?? {};
    const reason = object.metadata?.annotations?.[PRIVILEGED_REASON];
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    for (const c of containers) {
      const where = `container ${c.name}`;
      for (const part of ['requests', 'limits'])
        for (const resource of ['cpu', 'memory'])
          if (!c.resources?.[part]?.[resource]) problem(object, `${where} has no ${part}.${resource}`);
      const image = String(c.image ?? '');
      const tag = image.includes('@') ? 'digest' : image.split('/').pop().split(':')[1];
      if (!tag) problem(object, `${where} image ${image} has no tag`);
      else if (tag === 'latest') problem(object, `${where} image ${image} uses :latest`);

      const sc = c.securityContext ?? {};
      const psc = pod.securityContext ?? {};
      const elevated = sc.privileged === true || sc.runAsUser === 0 || sc.runAsNonRoot === false;
      if (elevated) {
        if (!PRIVILEGED_ALLOWED.has(c.name))
          problem(
            object,
            `${where} is privileged or root, which only ${[...PRIVILEGED_ALLOWED].join(', ')} may be`,
          );
        if (!reason || reason.trim().length < 20)
          problem(object, `${where} is privileged or root without a ${PRIVILEGED_REASON} annotation`);
        if (c.name === 'compile-worker' && sc.readOnlyRootFilesystem !== true)
          problem(object, `${where} must keep a read-only root filesystem even when privileged`);
        continue;
      }
      if (sc.allowPrivilegeEscalation !== false)
        problem(object, `${where} does not set allowPrivilegeEscalation: false`);
      if (sc.readOnlyRootFilesystem !== true)
        problem(object, `${where} does not set readOnlyRootFilesystem: true`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        problem(object, `${where} does not drop ALL capabilities`);
      if ((sc.capabilities?.add ?? []).length > 0) problem(object, `${where} adds capabilities`);
      if (sc.runAsNonRoot !== true && psc.runAsNonRoot !== true)
        problem(object, `${where} may run as root (runAsNonRoot)`);
      const seccomp = sc.seccompProfile?.type ?? psc.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
        problem(object, `${where} has no RuntimeDefault seccomp profile`);
    }

    if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
      for (const c of pod.containers ?? []) {
        const where = `container ${c.name}`;
        const live = c.livenessProbe;
        if (!live) problem(object, `${where} has no liveness probe`);
        else if (live.periodSeconds !== 10 || live.failureThreshold !== 3)
          problem(object, `${where} liveness probe is not every 10 s with failureThreshold 3`);
        if (!c.readinessProbe) problem(object, `${where} has no readiness probe`);
        if (NODE_SERVICES.has(c.name)) {
          if (live?.httpGet?.path !== '/healthz') problem(object, `${where} liveness is not GET /healthz`);
          if (c.readinessProbe?.httpGet?.path !== '/readyz')
            problem(object, `${where} readiness is not GET /readyz`);
        }
      }
    }
  }

  // Drain: preStop sleep equal to DRAIN_DELAY_MS, and a grace period longer than both.
  for (const deployment of byKind('Deployment')) {
    const pod = deployment.spec.template.spec;
    for (const c of pod.containers ?? []) {
      const configMaps = (c.envFrom ?? []).map((e) => e.configMapRef?.name).filter(Boolean);
      const drainMs = configMaps
        .map((name) =>
          byKind('ConfigMap').find(
            (cm) => cm.metadata.name === name && cm.metadata.namespace === deployment.metadata.namespace,
          ),
        )
        .map((cm) => cm?.data?.DRAIN_DELAY_MS)
        .find((value) => value !== undefined);
      if (drainMs === undefined) continue;
      const sleep = c.lifecycle?.preStop?.sleep?.seconds;
      if (sleep === undefined || sleep * 1000 !== Number(drainMs))
        problem(
          deployment,
          `container ${c.name} preStop sleep (${sleep} s) does not match DRAIN_DELAY_MS (${drainMs})`,
        );
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (grace * 1000 <= Number(drainMs) + (sleep ?? 0) * 1000 + 5000)
        problem(
          deployment,
          `terminationGracePeriodSeconds ${grace} leaves no time after preStop and the drain`,
        );
    }
  }

  for (const [name, count] of Object.entries(expectations.replicas)) {
    const deployment = byKind('Deployment').find(
      (d) => d.metadata.name === name && d.metadata.namespace === 'corazy',
    );
    if (!deployment) problems.push(`Deployment corazy/${name} is missing`);
    else if ((deployment.spec.replicas ?? 1) !== count)
      problem(deployment, `has ${deployment.spec.replicas} replicas, expected ${count}`);
  }

  for (const deployment of byKind('Deployment')) {
    const labels = deployment.spec.template.metadata?.labels ?? {};
    if ((deployment.spec.replicas ?? 1) >= 2) {
      const pdb = byKind('PodDisruptionBudget').find(
        (p) =>
          p.metadata.namespace === deployment.metadata.namespace &&
          matches(p.spec?.selector?.matchLabels, labels),
      );
      if (!pdb) problem(deployment, 'has 2+ replicas and no PodDisruptionBudget');
    }
  }

  for (const [name, want] of Object.entries(expectations.hpa)) {
    const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === name);
    if (!hpa) {
      problems.push(`HorizontalPodAutoscaler ${name} is missing`);
      continue;
    }
    const cpu = hpa.spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    if (hpa.spec.scaleTargetRef?.kind !== 'Deployment' || hpa.spec.scaleTargetRef?.name !== name)
      problem(hpa, `does not target Deployment ${name}`);
    if (hpa.spec.minReplicas !== want.min || hpa.spec.maxReplicas !== want.max)
      problem(
        hpa,
        `scales ${hpa.spec.minReplicas}→${hpa.spec.maxReplicas}, expected ${want.min}→${want.max}`,
      );
    if (cpu?.resource?.target?.averageUtilization !== want.cpu)
      problem(hpa, `CPU target is not ${want.cpu} %`);
  }

  const scaled = byKind('ScaledObject');
  if (expectations.keda) {
    const so = scaled.find((s) => s.spec?.scaleTargetRef?.name === 'compile-worker');
    if (!so) problems.push('no KEDA ScaledObject scales compile-worker');
    else if (
      !so.spec.triggers?.some((t) => t.type === 'rabbitmq' && t.metadata?.queueName === 'corazy.grading.jobs')
    )
      problem(so, 'has no rabbitmq trigger on corazy.grading.jobs');
  } else if (scaled.length > 0) problems.push('KEDA ScaledObjects where none is expected');

  for (const secret of byKind('Secret')) {
    if (Object.keys(secret.data ?? {}).length > 0 || Object.keys(secret.stringData ?? {}).length > 0)
      problem(secret, 'carries values; Secrets are templates only (deploy/kubernetes/secrets)');
  }

  const policies = byKind('NetworkPolicy').filter((p) => p.metadata.namespace === 'corazy');
  const denyAll = policies.find(
    (p) =>
      Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
      !p.spec.ingress &&
      !p.spec.egress &&
      ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)),
  );
  if (!denyAll)
    problems.push('corazy has no default-deny NetworkPolicy (empty podSelector, Ingress and Egress)');
  for (const workload of objects.filter(
    (o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.namespace === 'corazy',
  )) {
    const labels = workload.spec.template.metadata?.labels ?? {};
    const allowing = policies.filter(
      (p) =>
        p !== denyAll &&
        Object.keys(p.spec?.podSelector?.matchLabels ?? {}).length > 0 &&
        matches(p.spec.podSelector.matchLabels, labels),
    );
    if (allowing.length === 0) problem(workload, 'has no allow-list NetworkPolicy of its own');
  }

  const monitors = [...byKind('ServiceMonitor'), ...byKind('PodMonitor')];
  for (const monitor of monitors) {
    if (monitor.metadata?.labels?.release !== 'kube-prometheus-stack')
      problem(monitor, 'lacks the release: kube-prometheus-stack label kube-prometheus-stack selects by');
  }
  for (const rule of byKind('PrometheusRule')) {
    if (rule.metadata?.labels?.release !== 'kube-prometheus-stack') problem(rule, 'lacks the release label');
    for (const group of rule.spec?.groups ?? [])
      for (const r of group.rules ?? [])
        if (r.alert) {
          if (!r.labels?.severity) problem(rule, `alert ${r.alert} has no severity`);
          if (!r.for) problem(rule, `alert ${r.alert} has no for`);
          if (!r.annotations?.summary || !r.annotations?.description)
            problem(rule, `alert ${r.alert} lacks summary or description`);
        }
  }
  for (const deployment of byKind('Deployment').filter((d) => d.metadata.namespace === 'corazy')) {
    const name = deployment.metadata.name;
    const service = byKind('Service').find(
      (s) => s.metadata.namespace === 'corazy' && s.metadata.name === name,
    );
    const monitored = monitors.some((m) => {
      if (m.kind === 'PodMonitor')
        return matches(m.spec?.selector?.matchLabels, deployment.spec.template.metadata?.labels);
      if (!service || !matches(m.spec?.selector?.matchLabels, service.metadata.labels)) return false;
      if (!(m.spec?.namespaceSelector?.matchNames ?? [m.metadata.namespace]).includes('corazy')) return false;
      const ports = new Set((service.spec.ports ?? []).map((p) => p.name));
      return (m.spec.endpoints ?? []).every((e) => ports.has(e.port));
    });
    if (!monitored)
      problem(deployment, 'is not scraped: no ServiceMonitor/PodMonitor matches its Service and port');
  }
  return problems;
}
