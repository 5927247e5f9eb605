#include "schema/field_docs.h"

#include <map>

namespace dalec::schema {

namespace {

const std::map<std::string, std::string_view, std::less<>>& docs() {
  static const std::map<std::string, std::string_view, std::less<>> table = {
      // The spec
      {"Spec.name", "Package name. Every target needs it."},
      {"Spec.description", "One-line summary of the package. rpm targets require it."},
      {"Spec.website", "Project home page, written into the package metadata."},
      {"Spec.version", "Package version. Build args are substituted (`${VERSION}`). rpm targets require it."},
      {"Spec.revision", "Package revision (release number), a string or an integer; build args are substituted."},
      {"Spec.license", "License of the packaged software (an SPDX expression is typical). rpm targets require it."},
      {"Spec.vendor", "Vendor written into the package metadata."},
      {"Spec.packager", "Who built the package, e.g. `Name <email>`. deb targets require it."},
      {"Spec.noarch", "`true` for a package whose content does not depend on the CPU architecture."},
      {"Spec.args", "Build args the spec accepts, with optional defaults. Only declared args may be passed with "
                    "`--build-arg` and used as `${NAME}`. Platform args (TARGETARCH, ...) must be declared without a default."},
      {"Spec.sources", "Named inputs of the build. Each source is exactly one kind: git, http, context, build, inline or "
                       "image. In build steps each source is a file or directory named after its key."},
      {"Spec.patches", "Patches to apply, per source: the key names the source to patch, each entry names the source "
                       "holding the patch."},
      {"Spec.build", "How the package contents are built: environment, caches, network mode and the shell steps."},
      {"Spec.dependencies", "Packages needed to build, run, recommend or test this one, and extra repositories."},
      {"Spec.artifacts", "What the package installs, taken from the build's working directory: binaries, docs, "
                         "config files, systemd units, ..."},
      {"Spec.targets", "Per-target overrides, keyed by Dalec target (azlinux3, jammy, ...). A target's tests are added "
                       "to the spec's tests; its other keys replace the spec's."},
      {"Spec.image", "Settings of the container image built for container targets."},
      {"Spec.package_config", "Packaging options such as signing."},
      {"Spec.changelog", "Release notes written into the package."},
      {"Spec.tests", "Tests run against the built container: commands with output checks, and file checks."},
      {"Spec.conflicts", "Packages this one cannot be installed together with."},
      {"Spec.replaces", "Packages this one replaces."},
      {"Spec.provides", "Virtual packages or capabilities this one provides."},
      // Sources
      {"Source.git", "A git repository checked out at a commit."},
      {"Source.http", "A single file downloaded over HTTP(S)."},
      {"Source.context", "A build context (the main one, `context`, by default) passed to the build."},
      {"Source.build", "The result of a Dockerfile build, with its own source as context."},
      {"Source.inline", "A file or directory written directly in the spec."},
      {"Source.image", "The filesystem of a container image, optionally after running commands in it."},
      {"Source.path", "Take only this path from the source."},
      {"Source.includes", "Glob patterns of files to keep."},
      {"Source.excludes", "Glob patterns of files to drop."},
      {"Source.generate", "Generators that prepare dependencies (Go modules, Cargo home, pip, npm) for offline builds."},
      {"SourceGit.url", "Repository URL."},
      {"SourceGit.commit", "Commit, tag or branch to check out."},
      {"SourceGit.keepGitDir", "Keep the `.git` directory in the checkout."},
      {"SourceHTTP.url", "URL of the file to download."},
      {"SourceHTTP.digest", "Expected digest of the file, `algorithm:hex`."},
      {"SourceHTTP.permissions", "File mode of the downloaded file (octal, e.g. 0o755)."},
      {"SourceContext.name", "Name of the build context; `context` is the main one."},
      {"SourceInline.file", "A single file with the given contents."},
      {"SourceInline.dir", "A directory of files with the given contents."},
      {"SourceInlineFile.contents", "The file's content, written as is: build args are not substituted."},
      {"SourceInlineFile.permissions", "File mode (octal, e.g. 0o644)."},
      {"SourceDockerImage.ref", "Image reference, e.g. `docker.io/library/alpine:3`."},
      {"SourceDockerImage.cmd", "Commands to run in the image; the result is the source."},
      {"SourceMount.dest", "Absolute path where the source is mounted."},
      {"SourceMount.spec", "The source to mount, written like an entry of `sources`."},
      // Patches and build
      {"PatchSpec.source", "Name of the source holding the patch."},
      {"PatchSpec.path", "Path of the patch file inside a directory source. Not allowed for file sources (http, inline file)."},
      {"PatchSpec.strip", "How many leading path components to strip (`patch -p`); 1 by default."},
      {"ArtifactBuild.steps", "Shell steps run in order in the build's working directory, where every source is available by name."},
      {"ArtifactBuild.env", "Environment variables for every build step. Build args are substituted in the values, "
                            "which is how a step sees an arg: `VERSION: ${VERSION}`."},
      {"ArtifactBuild.network_mode", "`none` (default) builds without network; `sandbox` allows it."},
      {"ArtifactBuild.caches", "Persistent caches mounted into the build steps."},
      {"BuildStep.command", "Shell script run with `/bin/sh -c`. Build args are not substituted here: pass them through `env`."},
      {"BuildStep.env", "Environment variables for this step only."},
      {"BuildStep.mounts", "Extra sources mounted into this step."},
      // Tests
      {"TestSpec.name", "Name of the test, shown in the build progress as `Test: <target>/<name>`."},
      {"TestSpec.env", "Environment variables for every step and check of this test."},
      {"TestSpec.mounts", "Sources mounted into the test's container."},
      {"TestSpec.steps", "Commands run in order in the test container; each sees the previous one's changes."},
      {"TestSpec.files", "Checks on files in the container after the steps, keyed by absolute path. A path without "
                         "`is_dir: true` must exist and not be a directory."},
      {"TestSpec.dir", "Accepted, but the test runner does not use it."},
      {"TestStep.command", "The command to run. It is split into words and run without a shell: use `/bin/sh -c '...'` "
                           "for pipes, variables or several commands."},
      {"TestStep.env", "Environment variables for this step."},
      {"TestStep.stdin", "Text passed on the command's standard input."},
      {"TestStep.stdout", "Checks on what the command writes to standard output."},
      {"TestStep.stderr", "Checks on what the command writes to standard error."},
      {"CheckOutput.equals", "The output must be exactly this string."},
      {"CheckOutput.contains", "The output must contain each of these strings."},
      {"CheckOutput.matches", "The output must match each of these regular expressions (Go syntax, unanchored)."},
      {"CheckOutput.starts_with", "The output must start with this string."},
      {"CheckOutput.ends_with", "The output must end with this string."},
      {"CheckOutput.empty", "The output must be empty."},
      {"FileCheckOutput.equals", "The file's content must be exactly this string."},
      {"FileCheckOutput.contains", "The file must contain each of these strings."},
      {"FileCheckOutput.matches", "The file must match each of these regular expressions (Go syntax, unanchored)."},
      {"FileCheckOutput.starts_with", "The file must start with this string."},
      {"FileCheckOutput.ends_with", "The file must end with this string."},
      {"FileCheckOutput.empty", "The file must be empty."},
      {"FileCheckOutput.permissions", "The file's permission bits, in octal (0o755 or 0755; 755 would be decimal)."},
      {"FileCheckOutput.is_dir", "`true`: the path must be a directory. Without it the path must NOT be a directory."},
      {"FileCheckOutput.not_exist", "`true`: the path must not exist."},
      {"FileCheckOutput.no_follow", "Check a symlink itself instead of what it points to (metadata checks only)."},
      {"FileCheckOutput.link_target", "The path must be a symlink pointing to this target."},
      // Targets, dependencies, image
      {"Target.dependencies", "Replaces the spec's dependency lists (each non-empty list replaces the spec's)."},
      {"Target.image", "Merged over the spec's image settings for this target."},
      {"Target.frontend", "Forward builds of this target to another Dalec-compatible frontend image."},
      {"Target.tests", "Tests added after the spec's tests for this target."},
      {"Target.artifacts", "Replaces the spec's artifacts for this target."},
      {"Frontend.image", "Frontend image that builds this target instead of Dalec's own."},
      {"PackageDependencies.build", "Packages installed to build."},
      {"PackageDependencies.runtime", "Packages the built package requires at runtime."},
      {"PackageDependencies.recommends", "Packages recommended alongside this one."},
      {"PackageDependencies.test", "Packages installed into the container before the tests run."},
      {"PackageDependencies.sysext", "Packages included in system extension images."},
      {"PackageDependencies.extra_repos", "Extra package repositories to enable."},
      {"PackageConstraints.version", "Version constraints, e.g. `>= 2.3`."},
      {"PackageConstraints.arch", "Architectures the dependency applies to."},
      {"ImageConfig.entrypoint", "Entrypoint of the image."},
      {"ImageConfig.cmd", "Default command of the image."},
      {"ImageConfig.env", "Environment of the image, as `KEY=value` strings."},
      {"ImageConfig.labels", "Image labels; build args are substituted in the values."},
      {"ImageConfig.user", "User the image runs as."},
      {"ImageConfig.volumes", "Volumes declared by the image."},
      {"ImageConfig.working_dir", "Working directory of the image."},
      {"ImageConfig.post", "Changes made to the image after the package is installed, such as symlinks."},
      {"ImageConfig.bases", "Base images to install the package into."},
      {"Artifacts.binaries", "Executables to install in /usr/bin, keyed by their path in the build directory."},
      {"Artifacts.manpages", "Manual pages to install."},
      {"Artifacts.docs", "Documentation files to install."},
      {"Artifacts.licenses", "License files to install."},
      {"Artifacts.configFiles", "Configuration files to install under /etc."},
      {"Artifacts.systemd", "systemd units and drop-ins to install."},
      {"Artifacts.libexec", "Helper executables to install under /usr/libexec."},
      {"Artifacts.data_dirs", "Data directories to install under /usr/share."},
      {"Artifacts.createDirectories", "Empty directories to create (config and state)."},
      {"ArtifactConfig.subpath", "Install under this subdirectory of the artifact kind's location."},
      {"ArtifactConfig.name", "Install under this file name instead of the source's."},
      {"ArtifactConfig.permissions", "File mode of the installed file (octal)."},
  };
  return table;
}

}  // namespace

std::string_view fieldDoc(const TypeDef& owner, const FieldDef& field) {
  // CheckOutput and FileCheckOutput share meanings; so do the target keys that mirror the spec's.
  auto it = docs().find(owner.id + "." + field.name);
  if (it == docs().end() && owner.id == "Target") it = docs().find("Spec." + field.name);
  return it == docs().end() ? std::string_view() : it->second;
}

std::string describeShape(const TypeDef& type) {
  switch (type.shape) {
    case Shape::String:
      if (!type.enumValues.empty()) {
        std::string out = "one of ";
        for (std::size_t i = 0; i < type.enumValues.size(); ++i) out += (i ? ", " : "") + std::string("`") + type.enumValues[i] + "`";
        return out;
      }
      return "a string";
    case Shape::Int: return "an integer";
    case Shape::Bool: return "true or false";
    case Shape::Date: return "a date (YYYY-MM-DD)";
    case Shape::Object: return type.noun;
    case Shape::Map: return "a mapping of names to " + describeShape(*type.element);
    case Shape::List: return "a list of " + describeShape(*type.element);
    case Shape::Any: return "any value";
  }
  return "a value";
}

}  // namespace dalec::schema
