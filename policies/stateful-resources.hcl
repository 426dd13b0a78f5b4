# Data outlives configuration: a plan that would delete or replace a database or a bucket fails. To
# retire one on purpose, take it out of this policy's match (or move the policy to "warn") in a reviewed
# change, apply, and put the policy back.
policy "never-destroy-stateful" {
  description = "Databases and buckets are never deleted or replaced by a plan."
  enforcement = "deny"

  match {
    types = ["aws_db_instance", "aws_rds_cluster", "aws_s3_bucket"]
  }

  rule {
    condition = "!(action in ['delete', 'replace'])"
    message   = "this would destroy data: databases and buckets are never deleted or replaced by platctl."
  }
}
