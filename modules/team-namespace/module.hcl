# A team's namespace for one environment, the way the platform hands them out: sized by a quota and default
# container limits, a deployer service account, and the team's group bound to the built-in "edit" role in that
# namespace only. Every object carries the labels team and owner, which the platform sets and no request can change.
module {
  name        = "team-namespace"
  version     = "1.0.0"
  kind        = "TeamNamespace"
  description = "A namespace <team>-<environment> with a size-based quota and limit range, a deployer service account and the team's group as editors."
}

input "environment" {
  type        = string
  enum        = ["dev", "staging", "prod"]
  description = "The environment; the namespace is <team>-<environment>, so changing it replaces the namespace."
}

input "size" {
  type        = string
  default     = "small"
  enum        = ["small", "medium", "large"]
  description = "How much the namespace may use: small, medium or large (see the platform's README for the numbers)."
}

input "group" {
  type        = string
  pattern     = "^[A-Za-z0-9][A-Za-z0-9._:@/-]*$"
  max_length  = 253
  description = "The team's group, as the cluster's authentication names it (e.g. an OIDC group): bound to the role edit."
}

input "owner" {
  type        = string
  pattern     = "^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$"
  max_length  = 63
  description = "Who answers for the namespace, as a label value, e.g. payments-oncall."
}

input "labels" {
  type        = map(string)
  default     = {}
  description = "Extra labels on every object; team and owner are the platform's."

  validation {
    condition = !contains(keys(input.labels), "team") && !contains(keys(input.labels), "owner")
    message   = "labels cannot set team or owner: the platform sets them from the request's team and the owner input."
  }
}

resource "kubernetes_namespace" "this" {
  name = "${request.team}-${input.environment}"
  labels = merge(input.labels, {
    team                                 = request.team
    owner                                = input.owner
    "pod-security.kubernetes.io/enforce" = "baseline"
  })
}

# Totals for the whole namespace, by size.
resource "kubernetes_resource_quota" "this" {
  name      = "team-quota"
  namespace = kubernetes_namespace.this.name
  labels    = merge(input.labels, { team = request.team, owner = input.owner })
  hard = {
    small  = { "requests.cpu" = "2", "requests.memory" = "4Gi", "limits.cpu" = "4", "limits.memory" = "8Gi", pods = "20" }
    medium = { "requests.cpu" = "8", "requests.memory" = "16Gi", "limits.cpu" = "16", "limits.memory" = "32Gi", pods = "50" }
    large  = { "requests.cpu" = "32", "requests.memory" = "64Gi", "limits.cpu" = "64", "limits.memory" = "128Gi", pods = "150" }
  }[input.size]
}

# What a container gets when it asks for nothing, and the most one container may ask for, by size. With a quota
# on requests and limits, a pod without them would be refused; these defaults let it in.
resource "kubernetes_limit_range" "this" {
  name      = "team-limits"
  namespace = kubernetes_namespace.this.name
  labels    = merge(input.labels, { team = request.team, owner = input.owner })
  limits = [{
    small = {
      type           = "Container"
      defaultRequest = { cpu = "100m", memory = "128Mi" }
      default        = { cpu = "500m", memory = "512Mi" }
      max            = { cpu = "1", memory = "2Gi" }
    }
    medium = {
      type           = "Container"
      defaultRequest = { cpu = "250m", memory = "256Mi" }
      default        = { cpu = "1", memory = "1Gi" }
      max            = { cpu = "4", memory = "8Gi" }
    }
    large = {
      type           = "Container"
      defaultRequest = { cpu = "500m", memory = "512Mi" }
      default        = { cpu = "2", memory = "2Gi" }
      max            = { cpu = "8", memory = "16Gi" }
    }
  }[input.size]]
}

# The identity the team's pipelines deploy with; pods do not get its token unless they ask.
resource "kubernetes_service_account" "deployer" {
  name                            = "deployer"
  namespace                       = kubernetes_namespace.this.name
  labels                          = merge(input.labels, { team = request.team, owner = input.owner })
  automount_service_account_token = false
}

# The team's group and its deployer may change everything in the namespace except roles, bindings and quotas
# (the built-in ClusterRole edit), and nothing outside it.
resource "kubernetes_role_binding" "edit" {
  name      = "team-edit"
  namespace = kubernetes_namespace.this.name
  labels    = merge(input.labels, { team = request.team, owner = input.owner })
  role_ref  = { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = "edit" }
  subjects = [
    { kind = "Group", name = input.group, apiGroup = "rbac.authorization.k8s.io" },
    { kind = "ServiceAccount", name = kubernetes_service_account.deployer.name, namespace = kubernetes_namespace.this.name },
  ]
}

output "namespace" {
  value = kubernetes_namespace.this.name
}

output "service_account" {
  value = kubernetes_service_account.deployer.name
}
