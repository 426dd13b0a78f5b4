# Every container asks for what it needs and is held to a ceiling: cpu and memory requests (what the
# scheduler reserves) and limits (what the kernel enforces) are all set. Without requests a node can be
# overcommitted; without limits one container can starve its neighbours.
#
# Containers are found where platctl's workload modules put them (a "containers" list on the resource) and
# where a Kubernetes manifest has them: spec.containers (a Pod) and spec.template.spec.containers
# (Deployments, StatefulSets, DaemonSets, Jobs).
policy "container-resources" {
  description = "Containers set cpu and memory requests and limits."
  enforcement = "deny"

  rule {
    condition = <<-EOT
      !has(object.containers) || object.containers == null || object.containers.all(c,
        has(c.resources) && has(c.resources.requests) && has(c.resources.limits) &&
        ['cpu', 'memory'].all(k, k in c.resources.requests && k in c.resources.limits))
    EOT
    message   = "a container does not set cpu and memory requests and limits: set resources.requests and resources.limits."
  }

  rule {
    condition = <<-EOT
      !type.startsWith('kubernetes_') || !has(object.spec) || object.spec == null ||
      !has(object.spec.containers) || object.spec.containers.all(c,
        has(c.resources) && has(c.resources.requests) && has(c.resources.limits) &&
        ['cpu', 'memory'].all(k, k in c.resources.requests && k in c.resources.limits))
    EOT
    message   = "a pod's container does not set cpu and memory requests and limits: set resources.requests and resources.limits."
  }

  rule {
    condition = <<-EOT
      !type.startsWith('kubernetes_') || !has(object.spec) || object.spec == null ||
      !has(object.spec.template) || object.spec.template.spec.containers.all(c,
        has(c.resources) && has(c.resources.requests) && has(c.resources.limits) &&
        ['cpu', 'memory'].all(k, k in c.resources.requests && k in c.resources.limits))
    EOT
    message   = "a workload's container does not set cpu and memory requests and limits: set resources.requests and resources.limits."
  }
}
