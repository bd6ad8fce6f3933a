// Validates objects against the Kubernetes OpenAPI schemas and the CRD schemas (cert-manager, Gateway API, KEDA,
// prometheus-operator) shipped by the kubernetes-models packages. Every kind must have a schema: an object of an
// unknown kind is a problem, not a pass. (These schemas do not reject unknown fields; the policy checks cover the
// fields that matter.)
const CRD_PACKAGES = {
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'acme.cert-manager.io': '@kubernetes-models/cert-manager',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api',
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

export function modulePathFor(apiVersion, kind) {
  if (!apiVersion || !kind) return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}/${kind}`;
  if (CRD_PACKAGES[group]) return `${CRD_PACKAGES[group]}/${group}/${version}/${kind}`;
  if (!group.includes('.') || group.endsWith('.k8s.io'))
    return `kubernetes-models/${group}/${version}/${kind}`;
  return undefined;
}

export async function validateObject(object) {
  const path = modulePathFor(object?.apiVersion, object?.kind);
  const label = `${object?.kind}/${object?.metadata?.namespace ?? '-'}/${object?.metadata?.name}`;
  if (!path) return [`${label}: no schema for ${object?.apiVersion} ${object?.kind}`];
  let Model;
  try {
    Model = (await import(path))[object.kind];
  } catch {
    return [`${label}: no schema for ${object.apiVersion} ${object.kind} (${path})`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${label}: ${String(error.message).split('\n').slice(0, 6).join('; ')}`];
  }
}
