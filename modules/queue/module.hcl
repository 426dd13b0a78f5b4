# An SQS queue with its dead-letter queue: messages that fail maxReceiveCount times move aside, kept two weeks.
module {
  name        = "queue"
  version     = "1.0.0"
  kind        = "Queue"
  description = "An SQS queue with a dead-letter queue."
}

input "visibilityTimeoutSeconds" {
  type        = number
  default     = 30
  minimum     = 0
  maximum     = 43200
  description = "How long a received message stays hidden from other consumers."
}

input "maxReceiveCount" {
  type        = number
  default     = 5
  minimum     = 1
  maximum     = 20
  description = "Receives before a message moves to the dead-letter queue."
}

input "fifo" {
  type        = bool
  default     = false
  description = "A FIFO queue (exactly-once, ordered); changing it replaces both queues."
}

resource "aws_sqs_queue" "dlq" {
  name                      = "${request.team}-${request.name}-dlq${input.fifo ? ".fifo" : ""}"
  fifo_queue                = input.fifo
  message_retention_seconds = 1209600
  tags                      = { team = request.team, role = "dead-letter" }
}

resource "aws_sqs_queue" "this" {
  name                       = "${request.team}-${request.name}${input.fifo ? ".fifo" : ""}"
  fifo_queue                 = input.fifo
  visibility_timeout_seconds = input.visibilityTimeoutSeconds
  dead_letter_target_arn     = aws_sqs_queue.dlq.arn
  max_receive_count          = input.maxReceiveCount
  tags                       = { team = request.team }
}

output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}

output "dlq_url" {
  value = aws_sqs_queue.dlq.url
}
