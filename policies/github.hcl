# GitHub repositories the platform creates are private, and protected branches need a review.
#
# "The default branch is protected" spans two resources (a github_repository and a
# github_branch_protection for its default_branch) and a policy sees one resource at a time, so it is
# written per resource: every repository is private, and every branch protection asks for at least one
# approving review. Modules that create repositories add the protection for the default branch.

policy "github-private-repositories" {
  description = "GitHub repositories are private."
  enforcement = "deny"

  match {
    types = ["github_repository"]
  }

  rule {
    condition = "object.visibility == null || object.visibility == 'private'"
    message   = "the repository would be public or internal: set visibility = \"private\" (the provider's default)."
  }
}

policy "github-reviewed-branches" {
  description = "Protected branches require at least one approving review."
  enforcement = "deny"

  match {
    types = ["github_branch_protection"]
  }

  rule {
    condition = "object.required_approving_review_count != null && object.required_approving_review_count >= 1"
    message   = "the branch can be changed without review: set required_approving_review_count to 1 or more."
  }
}
