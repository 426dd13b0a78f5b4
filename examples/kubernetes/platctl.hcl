# A team's namespace on Kubernetes and its PostgreSQL database on AWS, whose connection details are written into
# a Secret in that namespace. The cluster is the one $KUBECONFIG names (default ~/.kube/config); AWS is moto on
# port 5000 (moto_server -p 5000): for real AWS, delete endpoint, access_key and secret_key.
workspace {
  modules  = "../../modules"
  requests = "requests"
}

# The database password is in state: keep it encrypted (export PLATCTL_STATE_KEY="$(openssl rand -base64 32)").
backend "local" {
  path               = ".platctl/state.mv.db"
  encryption_key_env = "PLATCTL_STATE_KEY"
}

provider "kubernetes" {
  # kubeconfig = "clusters/dev.yaml"   # relative to this folder; default: $KUBECONFIG, then ~/.kube/config
  # context    = "dev"                 # default: the kubeconfig's current context
}

provider "aws" {
  region       = "eu-west-1"
  endpoint     = "http://127.0.0.1:5000"
  access_key   = "testing"
  secret_key   = "testing"
  default_tags = { managed-by = "platctl" }
}
