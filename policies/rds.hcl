# RDS databases: encrypted, protected from deletion, and backed up for at least a week.
policy "rds-protected" {
  description = "Databases are encrypted, deletion-protected and keep 7 days of backups or more."
  enforcement = "deny"

  match {
    types = ["aws_db_instance"]
  }

  defaults {
    backup_retention_period = 7
  }

  rule {
    condition = "object.storage_encrypted == true"
    message   = "the database is not encrypted: set storage_encrypted = true."
  }

  rule {
    condition = "object.deletion_protection == true"
    message   = "the database can be deleted by one API call: set deletion_protection = true."
  }

  rule {
    condition = "object.backup_retention_period != null && object.backup_retention_period >= 7"
    message   = "the database keeps fewer than 7 days of backups: set backup_retention_period to 7 or more."
  }
}
