// node --test deploy/ci/lib: the policy and schema checks catch what they promise to catch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicies } from './policy.mjs';
import { modulePathFor, validateObject } from './schemas.mjs';

const expectations = { replicas: { gateway: 2 }, hpa: {}, keda: false };

/** A minimal compliant platform: one Deployment with everything the policies ask for. */
function platform() {
  const labels = { 'app.kubernetes.io/name': 'gateway' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'corazy' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gateway-config', namespace: 'corazy' },
      data: { DRAIN_DELAY_MS: '5000' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'gateway', namespace: 'corazy', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 60,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'gateway',
                image: 'ghcr.io/corazy-arcade/gateway:0.1.0',
                ports: [{ name: 'http', containerPort: 8080 }],
                envFrom: [{ configMapRef: { name: 'gateway-config' } }],
                resources: {
                  requests: { cpu: '100m', memory: '128Mi' },
                  limits: { cpu: '1', memory: '256Mi' },
                },
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 'http' },
                  periodSeconds: 10,
                  failureThreshold: 3,
                },
                readinessProbe: { httpGet: { path: '/readyz', port: 'http' } },
                lifecycle: { preStop: { sleep: { seconds: 5 } } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'gateway', namespace: 'corazy', labels },
      spec: { selector: labels, ports: [{ name: 'http', port: 8080 }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'gateway', namespace: 'corazy' },
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'corazy' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'gateway', namespace: 'corazy' },
      spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{}] },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'gateway', namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } },
      spec: {
        namespaceSelector: { matchNames: ['corazy'] },
        selector: { matchLabels: labels },
        endpoints: [{ port: 'http' }],
      },
    },
  ];
}
const deployment = (objects) => objects.find((o) => o.kind === 'Deployment');
const container = (objects) => deployment(objects).spec.template.spec.containers[0];
const problemsAfter = (mutate, exp = expectations) => {
  const objects = platform();
  mutate(objects);
  return checkPolicies(objects, exp);
};
const assertProblem = (problems, pattern) =>
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`,
  );

describe('policy checks', () => {
  it('pass a compliant platform', () => {
    assert.deepEqual(checkPolicies(platform(), expectations), []);
  });
  it('reject a container without limits', () => {
    assertProblem(
      problemsAfter((o) => delete container(o).resources.limits),
      /no limits\.cpu/,
    );
  });
  it('reject :latest and untagged images', () => {
    assertProblem(
      problemsAfter((o) => (container(o).image = 'ghcr.io/corazy-arcade/gateway:latest')),
      /uses :latest/,
    );
    assertProblem(
      problemsAfter((o) => (container(o).image = 'ghcr.io/corazy-arcade/gateway')),
      /has no tag/,
    );
  });
  it('reject a liveness probe that is not every 10 s with 3 failures, and a readiness probe off /readyz', () => {
    assertProblem(
      problemsAfter((o) => (container(o).livenessProbe.periodSeconds = 30)),
      /every 10 s/,
    );
    assertProblem(
      problemsAfter((o) => (container(o).readinessProbe.httpGet.path = '/healthz')),
      /readiness is not GET \/readyz/,
    );
    assertProblem(
      problemsAfter((o) => delete container(o).readinessProbe),
      /no readiness probe/,
    );
  });
  it('reject a writable root filesystem, kept capabilities, escalation and a missing seccomp profile', () => {
    assertProblem(
      problemsAfter((o) => (container(o).securityContext.readOnlyRootFilesystem = false)),
      /readOnlyRootFilesystem/,
    );
    assertProblem(
      problemsAfter((o) => (container(o).securityContext.capabilities = {})),
      /drop ALL/,
    );
    assertProblem(
      problemsAfter((o) => delete container(o).securityContext.allowPrivilegeEscalation),
      /allowPrivilegeEscalation/,
    );
    assertProblem(
      problemsAfter((o) => delete deployment(o).spec.template.spec.securityContext.seccompProfile),
      /seccomp/,
    );
    assertProblem(
      problemsAfter((o) => delete deployment(o).spec.template.spec.securityContext.runAsNonRoot),
      /may run as root/,
    );
  });
  it('allow a privileged worker only with a stated reason and a read-only root', () => {
    const privileged = (o, name, reason) => {
      container(o).name = name;
      container(o).securityContext = { privileged: true, runAsUser: 0, readOnlyRootFilesystem: true };
      if (reason) deployment(o).metadata.annotations = { 'corazy.dev/privileged-reason': reason };
    };
    assertProblem(
      problemsAfter((o) => privileged(o, 'gateway', 'because it wants to, for a long while')),
      /only compile-worker, dind may be/,
    );
    assertProblem(
      problemsAfter((o) => privileged(o, 'compile-worker')),
      /without a corazy.dev\/privileged-reason/,
    );
    const ok = problemsAfter((o) =>
      privileged(o, 'compile-worker', 'namespace sandbox: cgroups, mounts, setns'),
    );
    assert.ok(!ok.some((p) => /privileged/.test(p)), ok.join('\n'));
  });
  it('reject a preStop sleep that does not match DRAIN_DELAY_MS, and a grace period too short for it', () => {
    assertProblem(
      problemsAfter((o) => (container(o).lifecycle.preStop.sleep.seconds = 2)),
      /does not match DRAIN_DELAY_MS/,
    );
    assertProblem(
      problemsAfter((o) => (deployment(o).spec.template.spec.terminationGracePeriodSeconds = 10)),
      /leaves no time/,
    );
  });
  it('reject wrong replica counts and a replicated Deployment without a PodDisruptionBudget', () => {
    assertProblem(
      problemsAfter((o) => (deployment(o).spec.replicas = 1)),
      /has 1 replicas, expected 2/,
    );
    assertProblem(
      problemsAfter((o) =>
        o.splice(
          o.findIndex((x) => x.kind === 'PodDisruptionBudget'),
          1,
        ),
      ),
      /no PodDisruptionBudget/,
    );
  });
  it('reject a missing or wrong HPA and a missing KEDA ScaledObject', () => {
    const exp = { ...expectations, hpa: { gateway: { min: 2, max: 5, cpu: 70 } } };
    assertProblem(
      problemsAfter(() => {}, exp),
      /HorizontalPodAutoscaler gateway is missing/,
    );
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'gateway', namespace: 'corazy' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'gateway' },
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 70 } } }],
      },
    };
    assertProblem(
      problemsAfter((o) => o.push(hpa), exp),
      /scales 2→4, expected 2→5/,
    );
    assertProblem(
      problemsAfter(() => {}, { ...expectations, keda: true }),
      /no KEDA ScaledObject/,
    );
  });
  it('reject Secrets that carry values', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'corazy' },
      stringData: { PASSWORD: 'hunter2' },
    };
    assertProblem(
      problemsAfter((o) => o.push(secret)),
      /carries values/,
    );
  });
  it('reject a namespace without default deny, a workload without its own policy, and an unscraped Deployment', () => {
    assertProblem(
      problemsAfter((o) =>
        o.splice(
          o.findIndex((x) => x.metadata.name === 'default-deny'),
          1,
        ),
      ),
      /default-deny/,
    );
    assertProblem(
      problemsAfter((o) =>
        o.splice(
          o.findIndex((x) => x.kind === 'NetworkPolicy' && x.metadata.name === 'gateway'),
          1,
        ),
      ),
      /no allow-list NetworkPolicy/,
    );
    assertProblem(
      problemsAfter((o) => (o.find((x) => x.kind === 'ServiceMonitor').spec.endpoints[0].port = 'metrics')),
      /is not scraped/,
    );
    assertProblem(
      problemsAfter((o) => delete o.find((x) => x.kind === 'ServiceMonitor').metadata.labels.release),
      /release/,
    );
  });
});

describe('schema validation', () => {
  it('maps core, grouped and CRD kinds to their models', () => {
    assert.equal(modulePathFor('v1', 'Service'), 'kubernetes-models/v1/Service');
    assert.equal(modulePathFor('apps/v1', 'Deployment'), 'kubernetes-models/apps/v1/Deployment');
    assert.equal(
      modulePathFor('keda.sh/v1alpha1', 'ScaledObject'),
      '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject',
    );
    assert.equal(modulePathFor('example.com/v1', 'Thing'), undefined);
  });
  it('accepts the compliant objects and rejects wrong types and unknown kinds', async () => {
    for (const object of platform()) assert.deepEqual(await validateObject(object), [], object.kind);
    const broken = platform().find((o) => o.kind === 'Deployment');
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
    assert.match((await validateObject(broken))[0], /containerPort must be integer/);
    assert.match(
      (await validateObject({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } }))[0],
      /no schema/,
    );
    const badIssuer = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'x' },
      spec: { acme: { server: 1 } },
    };
    assert.equal((await validateObject(badIssuer)).length, 1);
  });
});
