# An S3 bucket the way the platform runs them: always encrypted, never public; versioned and kept on
# destroy (no force_destroy) when the request says lifecycle: production.
module {
  name        = "s3-bucket"
  version     = "1.0.0"
  kind        = "Bucket"
  description = "An encrypted, private S3 bucket; versioned in production."
}

input "lifecycle" {
  type        = string
  default     = "development"
  enum        = ["development", "production"]
  description = "production turns on versioning and refuses to destroy a bucket that still holds objects."
}

input "kmsKeyArn" {
  type        = string
  default     = ""
  description = "A KMS key to encrypt with (aws:kms); default: S3-managed keys (AES256)."
}

resource "aws_s3_bucket" "this" {
  bucket                  = "${request.team}-${request.name}"
  versioning_enabled      = input.lifecycle == "production"
  sse_algorithm           = input.kmsKeyArn == "" ? "AES256" : "aws:kms"
  kms_master_key_id       = input.kmsKeyArn == "" ? null : input.kmsKeyArn
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
  force_destroy           = input.lifecycle != "production"
  tags                    = { team = request.team, lifecycle = input.lifecycle }
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
