# The platform's AWS modules, pointed at moto (moto_server -p 5000) or LocalStack (endpoint
# http://localhost:4566). For real AWS, delete endpoint, access_key and secret_key: credentials then come
# from the environment platctl runs in (keys, web identity, AWS_PROFILE's profile with SSO, container or
# instance role: see "AWS" in the README).
workspace {
  modules  = "../../modules"
  requests = "requests"
}

backend "local" {
  path = ".platctl/state.mv.db"
}

provider "aws" {
  region       = "eu-west-1"
  endpoint     = "http://127.0.0.1:5000"
  access_key   = "testing"
  secret_key   = "testing"
  default_tags = { managed-by = "platctl" }
}
