# S3 buckets: encrypted at rest, and never public.

policy "s3-encrypted" {
  description = "Buckets use server-side encryption (SSE-S3 or SSE-KMS)."
  enforcement = "deny"

  match {
    types = ["aws_s3_bucket"]
  }

  defaults {
    sse_algorithm = "AES256"   # a bucket whose module says nothing gets SSE-S3
  }

  rule {
    condition = "object.sse_algorithm in ['AES256', 'aws:kms', 'aws:kms:dsse']"
    message   = "the bucket is not encrypted: set sse_algorithm to AES256, aws:kms or aws:kms:dsse."
  }

  rule {
    condition = "object.sse_algorithm == 'AES256' || object.kms_master_key_id != null"
    message   = "a KMS-encrypted bucket names its key: set kms_master_key_id."
  }
}

# The four settings of S3's public access block are imposed, whatever a module says; the plan reports
# every bucket where this changed a value.
policy "s3-public-access-blocked" {
  description = "Buckets block every form of public access."
  enforcement = "deny"

  match {
    types = ["aws_s3_bucket"]
  }

  enforce {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}
