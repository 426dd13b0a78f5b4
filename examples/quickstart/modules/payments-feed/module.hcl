# A feed of the payments API for the teams that read its data: a file that says where the payments API's
# config lives and which instance wrote it. It reads the payments-api request's outputs, so it is planned
# and applied after that request, even from another team's stack.
module {
  name        = "payments-feed"
  version     = "1.0.0"
  kind        = "PaymentsFeed"
  description = "Where the payments API's config is, for teams that consume payments data."
}

input "consumer" {
  type        = string
  pattern     = "^[a-z][a-z0-9-]*$"
  description = "The consuming application, e.g. search-indexer."
}

resource "local_file" "feed" {
  path    = "out/${request.team}/${input.consumer}.payments-feed"
  content = <<-EOT
    # managed by platctl
    consumer        = ${input.consumer}
    payments_config = ${request.payments-api.outputs.config_path}
    payments_id     = ${request.payments-api.outputs.instance_id}
  EOT
}

output "path" {
  value = local_file.feed.path
}
