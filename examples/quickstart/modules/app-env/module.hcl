# An application environment: a generated database password, an instance id, the app's config file,
# a secrets file and one file per extra process. Built only on the built-in provider, so it runs anywhere.
module {
  name        = "app-env"
  version     = "1.0.0"
  kind        = "AppEnvironment"
  description = "An application environment with generated credentials and config files."
}

input "environment" {
  type        = string
  default     = "dev"
  enum        = ["dev", "staging", "prod"]
  description = "dev, staging or prod; part of the config file's name, so changing it replaces the file."
}

input "replicas" {
  type        = number
  default     = 1
  description = "How many instances the app runs; changes the config in place."
}

input "processes" {
  type        = map(string)
  default     = {}
  description = "Extra processes, name => settings line: one out/<team>/<request>.<name>.env file each."
}

input "owner" {
  type        = string
  description = "Who to page: an e-mail address or a chat handle."
}

resource "random_password" "db" {
  length  = 24
  special = false
}

resource "random_id" "instance" {
  byte_length = 4
  prefix      = "${request.name}-"
}

resource "platctl_data" "settings" {
  input = {
    team        = request.team
    environment = input.environment
    replicas    = input.replicas
    owner       = input.owner
  }
}

resource "local_file" "config" {
  path    = "out/${request.team}/${request.name}.${input.environment}.conf"
  content = <<-EOT
    # managed by platctl: edits are reported as drift and reverted by apply
    app         = ${request.name}
    team        = ${request.team}
    environment = ${input.environment}
    replicas    = ${input.replicas}
    owner       = ${input.owner}
    instance_id = ${random_id.instance.hex}
    settings_id = ${platctl_data.settings.id}
  EOT
}

# One environment file per extra process the app runs (a worker, a scheduler), name => settings.
resource "local_file" "process" {
  for_each = input.processes
  path     = "out/${request.team}/${request.name}.${each.key}.env"
  content  = "${each.value}\n"
}

# Enforced by the platform: secrets files are readable by their owner only; no request can change it.
resource "local_file" "secrets" {
  path            = "out/${request.team}/${request.name}.secrets"
  content         = "DB_PASSWORD=${random_password.db.result}\n"
  file_permission = "0600"
  depends_on      = [local_file.config]
}

output "config_path" {
  value = local_file.config.path
}

output "instance_id" {
  value = random_id.instance.hex
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}
