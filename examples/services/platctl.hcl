# Services from the python-microservice golden path: each one's GitHub repository (skeleton, environments, protection,
# team access) and its team's Kubernetes namespaces, one per environment, which the skeleton's CI deploys into.
# Scaffold a service with platctl new (see the README's "Golden paths"); the requests here are what it wrote for
#   platctl new python-microservice --set name=cart-api --set owner=checkout --set description="Keeps the shopping carts of signed-in customers."
workspace {
  modules  = "../../modules"
  requests = "requests"
}

backend "local" {
  path = ".platctl/state.mv.db"
}

# The organisation the repositories are made in; the token comes from $GITHUB_TOKEN.
provider "github" {
  owner = "acme"
}

# The cluster $KUBECONFIG names (default ~/.kube/config).
provider "kubernetes" {
}
