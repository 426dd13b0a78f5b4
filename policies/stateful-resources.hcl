# Data outlives configuration: a plan that would delete or replace a database or a bucket fails. To
# retire one on purpose, run the plan, apply or destroy with --allow-destroy (rules see it as
# allow_destroy); lifecycle.prevent_destroy in the module still holds.
policy "never-destroy-stateful" {
  description = "Databases and buckets are deleted or replaced only with --allow-destroy."
  enforcement = "deny"

  match {
    types = ["aws_db_instance", "aws_rds_cluster", "aws_s3_bucket"]
  }

  rule {
    condition = "allow_destroy || !(action in ['delete', 'replace'])"
    message   = "this would destroy data: databases and buckets are deleted or replaced only with --allow-destroy."
  }
}
