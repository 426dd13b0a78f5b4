# Container images, on any resource type that has an "image" attribute or a "containers" list of objects
# with an "image" (Kubernetes workloads, task definitions).
#
# An image reference is [registry[:port]/]repository[:tag][@digest]. The tag is what follows the last
# ":" only when that ":" comes after the last "/": "localhost:5000/app" and "registry:5000/app" are
# untagged (5000 is the registry's port), "registry:5000/app:1.2" is tagged 1.2.

policy "no-latest-images" {
  description = "Images are pinned: a tag other than latest, or a digest."
  enforcement = "deny"

  rule {
    condition = <<-EOT
      !has(object.image) || object.image == null ||
      object.image.matches('@sha256:[0-9a-f]{64}$') ||
      (object.image.matches('^(.*/)?[^/:@]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$') && !object.image.endsWith(':latest'))
    EOT
    message   = "the image has no tag or uses :latest; pin a version (app:1.4.2) or a digest (app@sha256:...)."
  }

  rule {
    condition = <<-EOT
      !has(object.containers) || object.containers == null || object.containers.all(c,
        c.image.matches('@sha256:[0-9a-f]{64}$') ||
        (c.image.matches('^(.*/)?[^/:@]+:[A-Za-z0-9_][A-Za-z0-9_.-]*$') && !c.image.endsWith(':latest')))
    EOT
    message   = "a container's image has no tag or uses :latest; pin a version (app:1.4.2) or a digest (app@sha256:...)."
  }
}

# The registries images may come from. Each entry is a prefix ending in "/": a host with its port when it
# has one, optionally followed by an organisation. "registry.example.com/" does not admit
# "registry.example.com:5000/", and a Docker Hub image written without a host ("nginx:1.27") is from none.
policy "allowed-registries" {
  description = "Images come from the platform's registries only."
  enforcement = "deny"

  rule {
    condition = <<-EOT
      !has(object.image) || object.image == null ||
      ['ghcr.io/acme/', 'registry.example.com/', 'localhost:5000/'].exists(r, object.image.startsWith(r))
    EOT
    message   = "the image is not from an allowed registry (ghcr.io/acme, registry.example.com, localhost:5000)."
  }

  rule {
    condition = <<-EOT
      !has(object.containers) || object.containers == null || object.containers.all(c,
        ['ghcr.io/acme/', 'registry.example.com/', 'localhost:5000/'].exists(r, c.image.startsWith(r)))
    EOT
    message   = "a container's image is not from an allowed registry (ghcr.io/acme, registry.example.com, localhost:5000)."
  }
}
