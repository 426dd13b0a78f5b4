# Every request says who owns it: the team in metadata.team and a person or rota in the "owner" label, so
# that an alert, a bill or a security finding on any resource reaches someone. Starts as a warning; switch
# enforcement to "deny" once every team has added the label.
policy "request-owner" {
  description = "Requests carry a team and an owner label."
  enforcement = "warn"

  rule {
    condition = "request.team != ''"
    message   = "the request has no team: set metadata.team."
  }

  rule {
    condition = "'owner' in request.labels && request.labels.owner != ''"
    message   = "the request has no owner: add metadata.labels.owner (a person or an on-call rota)."
  }
}
