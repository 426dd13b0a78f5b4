# A PostgreSQL database on RDS, the way the platform runs them: encrypted, protected from deletion, backed
# up for a week or more, reachable only from inside the network with IAM or the generated master password,
# which is kept in Secrets Manager and never shown. A request can also have the connection details written into
# a Kubernetes Secret next to its app (spec.writeConnectionSecretToRef).
module {
  name        = "postgresql"
  version     = "1.1.0"
  kind        = "PostgreSQLInstance"
  description = "An encrypted, deletion-protected RDS PostgreSQL instance in private subnets, with its credentials in Secrets Manager."
}

input "storageGB" {
  type        = number
  default     = 20
  minimum     = 20
  maximum     = 1000
  description = "Storage in GiB; it can grow later, never shrink."
}

input "engineVersion" {
  type        = string
  default     = "16.4"
  enum        = ["15.8", "16.3", "16.4"]
  description = "The PostgreSQL version; upgrades happen in place, downgrades are refused."
}

input "instanceClass" {
  type        = string
  default     = "db.t4g.micro"
  enum        = ["db.t4g.micro", "db.t4g.small", "db.t4g.medium", "db.m7g.large", "db.m7g.xlarge", "db.r7g.large"]
  description = "The instance size, from the classes the platform supports."
}

input "multiAZ" {
  type        = bool
  default     = false
  description = "A synchronous standby in another zone (doubles the cost)."
}

input "backupRetentionDays" {
  type        = number
  default     = 7
  minimum     = 7
  maximum     = 35
  description = "Days of automated backups (point-in-time recovery)."
}

input "vpcId" {
  type        = string
  pattern     = "^vpc-[0-9a-f]+$"
  description = "The VPC of the private subnets."
}

input "privateSubnetIds" {
  type        = list(string)
  min_length  = 2
  description = "Private subnets in two zones or more; the instance never gets a public address."
}

input "allowedCidrs" {
  type        = list(string)
  default     = ["10.0.0.0/8"]
  min_length  = 1
  description = "Private ranges that may connect on port 5432."

  validation {
    condition = length([for c in input.allowedCidrs : c if c == "0.0.0.0/0"]) == 0
    message   = "allowedCidrs must not contain 0.0.0.0/0: databases are reachable from private ranges only."
  }
}

input "decommission" {
  type        = bool
  default     = false
  description = "Set to true and apply before deleting the request: lifts deletion protection (a final snapshot is still taken)."
}

resource "random_password" "master" {
  length  = 32
  special = false
}

resource "aws_db_subnet_group" "this" {
  name        = request.name
  description = "Private subnets of ${request.team}/${request.name}"
  subnet_ids  = input.privateSubnetIds
  tags        = { team = request.team }
}

resource "aws_security_group" "this" {
  name        = "${request.name}-db"
  description = "PostgreSQL access to ${request.team}/${request.name}"
  vpc_id      = input.vpcId

  ingress {
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = input.allowedCidrs
    description = "PostgreSQL from private ranges"
  }

  tags = { team = request.team }
}

resource "aws_db_instance" "this" {
  identifier                          = request.name
  engine                              = "postgres"
  engine_version                      = input.engineVersion
  instance_class                      = input.instanceClass
  allocated_storage                   = input.storageGB
  multi_az                            = input.multiAZ
  backup_retention_period             = input.backupRetentionDays
  storage_encrypted                   = true
  deletion_protection                 = !input.decommission
  iam_database_authentication_enabled = true
  publicly_accessible                 = false
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.this.id]
  db_name                             = replace(request.name, "-", "_")
  username                            = "platform_admin"
  password                            = random_password.master.result
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${request.name}-final"
  tags                                = { team = request.team }

  timeouts {
    create = "60m"
  }
}

resource "aws_secretsmanager_secret" "connection" {
  name                    = "${request.team}/${request.name}/postgresql"
  description             = "Connection details of ${request.team}/${request.name}"
  recovery_window_in_days = 7
  tags                    = { team = request.team }
}

resource "aws_secretsmanager_secret_version" "connection" {
  secret_id = aws_secretsmanager_secret.connection.arn
  secret_string = jsonencode({
    engine   = "postgres"
    host     = aws_db_instance.this.address
    port     = aws_db_instance.this.port
    dbname   = aws_db_instance.this.db_name
    username = aws_db_instance.this.username
    password = random_password.master.result
  })
}

# What spec.writeConnectionSecretToRef writes into the request's Kubernetes Secret; every value is sensitive.
connection_secret {
  host     = aws_db_instance.this.address
  port     = aws_db_instance.this.port
  username = aws_db_instance.this.username
  password = random_password.master.result
  database = aws_db_instance.this.db_name
}

output "endpoint" {
  value = aws_db_instance.this.endpoint
}

output "connection_secret_arn" {
  value = aws_secretsmanager_secret.connection.arn
}

output "username" {
  value = aws_db_instance.this.username
}

output "password" {
  value     = random_password.master.result
  sensitive = true
}
