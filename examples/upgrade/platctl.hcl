# Four teams on two versions of one module: try `platctl module upgrade app-env --to 1.1.0 --plan`.
workspace {
  modules  = "modules"
  requests = "requests"
  registry = "registry"   # published, immutable module versions (platctl module publish)
}

backend "local" {
  path = ".platctl/state.mv.db"
}

provider "builtin" {
  latency_ms = 0
}
