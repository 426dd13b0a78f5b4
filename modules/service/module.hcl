# The module of the python-microservice golden path's services: the repository holding the rendered skeleton,
# deployment environments, a protected main branch, the owner team's access and an Actions variable. Which version of
# the golden path is the request's spec.goldenPath (request.golden_path, resolved to the newest version its range
# accepts), so a new version reaches every service that accepts it without a new version of this module. It is not
# generic: its inputs are python-microservice's parameters (a request must declare what it passes, and the skeleton is
# rendered with exactly these), and it tags the repository "python". A golden path with other parameters gets its own
# module, named in its template's platctl.dev/module.
module {
  name        = "service"
  version     = "2.0.0"
  kind        = "Service"
  description = "A python-microservice service: GitHub repository with the rendered skeleton, environments, protection and team access."
}

# python-microservice's parameters (platctl new writes them into the request).
input "name" {
  type        = string
  pattern     = "^[a-z][a-z0-9-]{2,30}$"
  description = "The service's name; also the repository's."
}
input "owner" {
  type        = string
  pattern     = "^[a-z][a-z0-9-]{0,53}[a-z0-9]$"
  description = "The team that owns and runs the service: 2 to 55 characters, ending in a letter or digit, so that its namespaces (<owner>-staging) are valid names and team-namespace takes it as owner."
}
input "description" {
  type        = string
  min_length  = 10
  max_length  = 200
  pattern     = "^[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]*$"
  description = "One sentence on what the service does (one line)."
}
input "pythonVersion" {
  type    = string
  enum    = ["3.11", "3.12", "3.13"]
  default = "3.12"
}
input "minReplicas" {
  type    = number
  minimum = 1
  maximum = 10
  default = 2
}
input "maxReplicas" {
  type    = number
  minimum = 1
  maximum = 50
  default = 6

  validation {
    condition = input.minReplicas <= input.maxReplicas
    message   = "maxReplicas must be at least minReplicas: the autoscaler cannot keep more pods than it may start."
  }
}
input "lifecycle" {
  type    = string
  enum    = ["experimental", "production", "deprecated"]
  default = "experimental"
}
input "githubOrg" {
  type        = string
  default     = "acme"
  pattern     = "^[A-Za-z0-9]([A-Za-z0-9-]{0,37}[A-Za-z0-9])?$"
  description = "The organisation the skeleton's links name; the provider's owner is where the repository is made."
}

# What the platform lets a team tune beyond the golden path.
input "team_slug" {
  type        = string
  default     = ""
  pattern     = "^([a-z0-9][a-z0-9-]*)?$"
  description = "The GitHub team given push access (default: the owner)."
}
input "production_wait_timer" {
  type        = number
  minimum     = 0
  maximum     = 43200
  default     = 30
  description = "Minutes a production deployment waits before it starts."
}
input "production_reviewer_team_ids" {
  type        = list(number)
  default     = []
  description = "GitHub team ids that must approve a production deployment."
}
input "production_reviewer_user_ids" {
  type        = list(number)
  default     = []
  description = "GitHub user ids that must approve a production deployment."
}

resource "github_repository" "this" {
  name                   = input.name
  description            = input.description
  visibility             = "private"
  topics                 = ["service", "python", "golden-path-${request.golden_path.name}", input.lifecycle]
  allow_merge_commit     = false
  delete_branch_on_merge = true
}

# The skeleton as one set: the first apply commits it into the empty repository; a later version's changes arrive as
# one pull request on platctl/<golden path>-<version> that merges the team's edits and lists overlapping ones as
# conflicts.
resource "github_repository_files" "skeleton" {
  repository = github_repository.this.name
  branch     = github_repository.this.default_branch
  files = golden_path_files(request.golden_path.name, request.golden_path.version, {
    name          = input.name
    owner         = input.owner
    description   = input.description
    pythonVersion = input.pythonVersion
    minReplicas   = input.minReplicas
    maxReplicas   = input.maxReplicas
    lifecycle     = input.lifecycle
    githubOrg     = input.githubOrg
  })
  version        = "${request.golden_path.name}-${request.golden_path.version}"
  commit_message = "Golden path ${request.golden_path.name} ${request.golden_path.version}"
}

resource "github_repository_environment" "development" {
  repository  = github_repository.this.name
  environment = "development"
}

resource "github_repository_environment" "staging" {
  repository  = github_repository.this.name
  environment = "staging"
}

resource "github_repository_environment" "production" {
  repository  = github_repository.this.name
  environment = "production"
  wait_timer  = input.production_wait_timer
  reviewers = {
    teams = input.production_reviewer_team_ids
    users = input.production_reviewer_user_ids
  }
  deployment_branch_policy = {
    protected_branches     = true
    custom_branch_policies = false
  }
}

resource "github_branch_protection" "main" {
  repository = github_repository.this.name
  branch     = github_repository.this.default_branch
  required_status_checks = {
    strict   = true
    contexts = ["test"]
  }
  required_approving_review_count = 1
  enforce_admins                  = false
  depends_on                      = [github_repository_files.skeleton]
}

resource "github_team_repository" "owner" {
  team_slug  = input.team_slug != "" ? input.team_slug : input.owner
  repository = github_repository.this.name
  permission = "push"
}

resource "github_actions_variable" "service_name" {
  repository    = github_repository.this.name
  variable_name = "SERVICE_NAME"
  value         = input.name
}

output "repo_url" {
  value = github_repository.this.html_url
}

output "clone_url" {
  value = "${github_repository.this.html_url}.git"
}
