# An IAM role a service assumes, with a least-privilege policy built from a small list of grants: read or
# write named buckets, consume from or send to named queues, read named secrets. Nothing else can be asked.
module {
  name        = "service-role"
  version     = "1.0.0"
  kind        = "ServiceRole"
  description = "An IAM role for a service, with only the grants it asks for."
}

input "service" {
  type        = string
  default     = "ecs-tasks.amazonaws.com"
  enum        = ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "ec2.amazonaws.com"]
  description = "The AWS service that assumes the role."
}

input "readBuckets" {
  type        = list(string)
  default     = []
  description = "Bucket ARNs the service may list and read."
}

input "writeBuckets" {
  type        = list(string)
  default     = []
  description = "Bucket ARNs the service may write objects to."
}

input "consumeQueues" {
  type        = list(string)
  default     = []
  description = "Queue ARNs the service may receive and delete messages from."
}

input "sendQueues" {
  type        = list(string)
  default     = []
  description = "Queue ARNs the service may send messages to."
}

input "readSecrets" {
  type        = list(string)
  default     = []
  description = "Secret ARNs the service may read."

  validation {
    condition = length(concat(input.readBuckets, input.writeBuckets, input.consumeQueues, input.sendQueues, input.readSecrets)) > 0
    message   = "a service role needs at least one grant (readBuckets, writeBuckets, consumeQueues, sendQueues or readSecrets)."
  }
}

resource "aws_iam_role" "this" {
  name        = "${request.team}-${request.name}"
  description = "Service role of ${request.team}/${request.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = input.service }, Action = "sts:AssumeRole" }]
  })
  tags = { team = request.team }
}

resource "aws_iam_policy" "this" {
  name        = "${request.team}-${request.name}"
  description = "Grants of ${request.team}/${request.name}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      length(input.readBuckets) == 0 ? [] : [{
        Sid      = "ReadBuckets"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = concat(input.readBuckets, [for b in input.readBuckets : "${b}/*"])
      }],
      length(input.writeBuckets) == 0 ? [] : [{
        Sid      = "WriteBuckets"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = [for b in input.writeBuckets : "${b}/*"]
      }],
      length(input.consumeQueues) == 0 ? [] : [{
        Sid      = "ConsumeQueues"
        Effect   = "Allow"
        Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
        Resource = input.consumeQueues
      }],
      length(input.sendQueues) == 0 ? [] : [{
        Sid      = "SendQueues"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueAttributes"]
        Resource = input.sendQueues
      }],
      length(input.readSecrets) == 0 ? [] : [{
        Sid      = "ReadSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        Resource = input.readSecrets
      }]
    )
  })
  tags = { team = request.team }
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.this.arn
}

output "role_arn" {
  value = aws_iam_role.this.arn
}

output "role_name" {
  value = aws_iam_role.this.name
}
