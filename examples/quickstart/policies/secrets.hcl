# The platform's guardrails for generated secrets, whatever module asks for them.

# A generated password is long enough to resist guessing. A module asking for a shorter one fails the
# plan, naming the module's resource and this rule.
policy "strong-passwords" {
  description = "Generated passwords have 16 characters or more."
  enforcement = "deny"

  match {
    types = ["random_password"]
  }

  rule {
    condition = "object.length >= 16"
    message   = "generated passwords have at least 16 characters: raise length in the module."
  }
}

# Files platctl writes are never world-readable: a module that leaves file_permission unset gets 0640.
policy "private-files" {
  description = "Files written by platctl are not readable by everyone."
  enforcement = "warn"

  match {
    types = ["local_file"]
  }

  defaults {
    file_permission = "0640"
  }

  rule {
    condition = "object.file_permission == null || !object.file_permission.endsWith('4') && !object.file_permission.endsWith('6') && !object.file_permission.endsWith('7')"
    message   = "the file is readable by everyone: set file_permission to 0640 or stricter."
  }
}
