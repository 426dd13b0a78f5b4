# A workspace: where modules and requests live, the state backend and provider settings.
workspace {
  modules  = "modules"
  requests = "requests"
  policies = "policies"
}

# The embedded default: an H2 MVStore file in the workspace.
backend "local" {
  path = ".platctl/state.mv.db"
}

provider "builtin" {
  latency_ms = 0
}
