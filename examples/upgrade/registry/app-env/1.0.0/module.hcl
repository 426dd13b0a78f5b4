# An application environment: a generated database password, the credentials record and the app's
# config file. Version 1.0.0, the one most teams run today.
module {
  name        = "app-env"
  version     = "1.0.0"
  kind        = "AppEnvironment"
  description = "An application environment with a generated database password and a config file."
}

input "owner" {
  type        = string
  description = "Who to page: an e-mail address or a chat handle."
  min_length  = 2
}

input "tier" {
  type        = string
  default     = "standard"
  enum        = ["standard", "premium"]
  description = "standard or premium; premium environments get stronger credentials from 1.1.0 on."
}

resource "random_password" "db" {
  length  = 20
  special = false
}

resource "platctl_data" "credentials" {
  input = {
    user     = replace(request.name, "-", "_")
    password = random_password.db.result
  }
}

resource "local_file" "config" {
  path            = "out/${request.team}/${request.name}.conf"
  content         = "app = ${request.name}\nowner = ${input.owner}\ntier = ${input.tier}\nlog_level = info\n"
  file_permission = "0640"
}

output "config_path" {
  value = local_file.config.path
}
