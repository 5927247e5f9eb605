#include <map>
#include <stdexcept>

#include "schema/schema.h"

namespace dalec::schema {

const FieldDef* TypeDef::field(std::string_view name) const {
  for (const FieldDef& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

bool isExtensionKey(std::string_view key) { return key.rfind("x-", 0) == 0 || key.rfind("X-", 0) == 0; }

namespace {

using E = ArgExpansion;

// A small builder so that the table below reads like the spec it describes.
struct Field {
  FieldDef def;
  Field(std::string name, std::string type) { def.name = std::move(name), def.typeId = std::move(type); }
  Field& required() { def.required = true; return *this; }
  Field& expands(E how) { def.expands = how; return *this; }
  Field& command(CommandKind kind) { def.command = kind; return *this; }
  operator FieldDef() const { return def; }
};

class Registry {
 public:
  Registry() {
    leaf("string", "a string", Shape::String);
    leaf("int", "an integer", Shape::Int);
    leaf("bool", "a boolean", Shape::Bool);
    leaf("date", "a date", Shape::Date);
    leaf("any", "a value", Shape::Any);
    define();
    resolve();
  }

  const TypeDef* find(std::string_view id) const {
    auto it = types_.find(std::string(id));
    return it == types_.end() ? nullptr : it->second.get();
  }
  std::vector<const TypeDef*> all() const {
    std::vector<const TypeDef*> out;
    for (const auto& [id, type] : types_) out.push_back(type.get());
    return out;
  }

 private:
  TypeDef& add(std::string id, std::string noun, Shape shape) {
    auto type = std::make_unique<TypeDef>();
    type->id = id;
    type->noun = std::move(noun);
    type->shape = shape;
    TypeDef& ref = *type;
    types_[id] = std::move(type);
    return ref;
  }
  void leaf(std::string id, std::string noun, Shape shape) { add(std::move(id), std::move(noun), shape); }

  TypeDef& object(std::string id, std::string noun, std::vector<Field> fields) {
    TypeDef& type = add(std::move(id), std::move(noun), Shape::Object);
    for (Field& f : fields) type.fields.push_back(f);
    return type;
  }
  // Anonymous container types are named after their element: "map:Source", "list:string".
  std::string mapOf(const std::string& element) { return container("map:", element, Shape::Map); }
  std::string listOf(const std::string& element) { return container("list:", element, Shape::List); }
  std::string container(const std::string& prefix, const std::string& element, Shape shape) {
    std::string id = prefix + element;
    if (!types_.count(id)) add(id, shape == Shape::Map ? "a mapping" : "a list", shape).elementId = element;
    return id;
  }
  void enumOf(std::string id, std::vector<std::string> values) {
    TypeDef& type = add(std::move(id), "a value", Shape::String);
    type.enumValues = std::move(values);
  }

  void define();
  void resolve() {
    for (auto& [id, type] : types_) {
      for (FieldDef& f : type->fields) {
        f.type = find(f.typeId);
        if (!f.type) throw std::logic_error("schema: unknown type " + f.typeId);
      }
      if (!type->elementId.empty()) {
        type->element = find(type->elementId);
        if (!type->element) throw std::logic_error("schema: unknown element type " + type->elementId);
      }
    }
  }

  std::map<std::string, std::unique_ptr<TypeDef>> types_;
};

void Registry::define() {
  const std::string strings = listOf("string");
  const std::string stringMap = mapOf("string");

  enumOf("NetworkMode", {"none", "sandbox"});
  enumOf("CacheSharing", {"shared", "locked", "private"});
  enumOf("RepoEnv", {"build", "test", "install"});

  // --- sources -------------------------------------------------------------------------------
  object("SourceGit", "a git source", {
      Field("url", "string").required().expands(E::Value),
      Field("commit", "string").required().expands(E::Value),
      Field("checksum", "string").expands(E::Value),
      Field("keepGitDir", "bool"),
      Field("auth", "GitAuth"),
  });
  object("GitAuth", "git auth", {Field("header", "string"), Field("token", "string"), Field("ssh", "string")});
  object("SourceHTTP", "an http source", {
      Field("url", "string").required().expands(E::Value),
      Field("digest", "string"),
      Field("permissions", "int"),
  });
  object("SourceContext", "a context source", {Field("name", "string").expands(E::Value)});
  object("SourceBuild", "a build source", {
      Field("source", "Source"),
      Field("dockerfile_path", "string").expands(E::Value),
      Field("target", "string").expands(E::Value),
      Field("args", stringMap),
  });
  object("SourceInlineFile", "an inline file", {
      Field("contents", "string"), Field("permissions", "int"), Field("uid", "int"), Field("gid", "int"),
  });
  object("SourceInlineDir", "an inline directory", {
      Field("files", mapOf("SourceInlineFile")), Field("permissions", "int"), Field("uid", "int"), Field("gid", "int"),
  });
  object("SourceInline", "an inline source", {Field("file", "SourceInlineFile"), Field("dir", "SourceInlineDir")})
      .exactlyOneOf = {{"file", "dir"}};
  object("SourceMount", "a mount", {Field("dest", "string").required(), Field("spec", "Source").required()});
  object("BuildStep", "a build step", {
      Field("command", "string").required().command(CommandKind::Shell),
      Field("env", stringMap).expands(E::MapValues),
      Field("mounts", listOf("SourceMount")),
  });
  object("Command", "an image command", {
      Field("dir", "string"),
      Field("mounts", listOf("SourceMount")),
      Field("env", stringMap).expands(E::MapValues),
      Field("steps", listOf("BuildStep")).required(),
  });
  object("SourceDockerImage", "an image source", {
      Field("ref", "string").required().expands(E::Value),
      Field("cmd", "Command"),
  });
  object("GomodGitAuthSSH", "gomod ssh auth", {Field("id", "string"), Field("username", "string")});
  object("GomodGitAuth", "gomod auth", {
      Field("header", "string"), Field("token", "string"), Field("ssh", "GomodGitAuthSSH"),
  });
  object("GomodReplace", "a gomod replace", {Field("old", "string").required(), Field("new", "string").required()});
  object("GomodEdits", "gomod edits", {Field("replace", listOf("GomodReplace")), Field("drop", strings)});
  object("GeneratorGomod", "a gomod generator", {
      Field("paths", strings), Field("auth", mapOf("GomodGitAuth")).expands(E::MapKeys), Field("edits", "GomodEdits"),
  });
  object("GeneratorCargohome", "a cargohome generator", {Field("paths", strings)});
  object("GeneratorPip", "a pip generator", {
      Field("paths", strings), Field("requirements_file", "string"), Field("index_url", "string"),
      Field("extra_index_urls", strings),
  });
  object("GeneratorNodeMod", "a nodemod generator", {Field("paths", strings), Field("registry", "string")});
  object("SourceGenerator", "a generator", {
      Field("subpath", "string"), Field("gomod", "GeneratorGomod"), Field("cargohome", "GeneratorCargohome"),
      Field("pip", "GeneratorPip"), Field("nodemod", "GeneratorNodeMod"),
  }).exactlyOneOf = {{"gomod", "cargohome", "pip", "nodemod"}};
  // A source's kinds (git, http, ...) are checked by source_rules with Dalec's own message.
  object("Source", "a source", {
      Field("path", "string").expands(E::Value),
      Field("includes", strings).expands(E::Items),
      Field("excludes", strings).expands(E::Items),
      Field("generate", listOf("SourceGenerator")),
      Field("git", "SourceGit"), Field("http", "SourceHTTP"), Field("context", "SourceContext"),
      Field("build", "SourceBuild"), Field("inline", "SourceInline"), Field("image", "SourceDockerImage"),
  });

  // --- patches, build ---------------------------------------------------------------------------
  object("PatchSpec", "a patch", {
      Field("source", "string").required(), Field("path", "string").expands(E::Value), Field("strip", "int"),
  });
  object("CacheDir", "a cache directory", {
      // Dalec requires only an absolute dest; the published schema also demands the rest.
      Field("dest", "string").required(), Field("key", "string"), Field("sharing", "CacheSharing"),
      Field("no_auto_namespace", "bool"),
  });
  object("GoBuildCache", "a go build cache", {Field("scope", "string"), Field("disabled", "bool")});
  object("SCCache", "an sccache cache", {Field("scope", "string")});
  object("BazelCache", "a bazel cache", {Field("scope", "string")});
  object("CacheConfig", "a cache", {
      Field("dir", "CacheDir"), Field("gobuild", "GoBuildCache"), Field("rustsccache", "SCCache"),
      Field("bazel", "BazelCache"),
  }).exactlyOneOf = {{"dir", "gobuild", "rustsccache", "bazel"}};
  object("ArtifactBuild", "build", {
      Field("steps", listOf("BuildStep")),
      Field("env", stringMap).expands(E::MapValues),
      Field("network_mode", "NetworkMode").expands(E::Value),
      Field("caches", listOf("CacheConfig")),
  });

  // --- dependencies -----------------------------------------------------------------------------
  object("PackageConstraints", "a package constraint", {
      Field("version", strings).expands(E::Items), Field("arch", strings),
  });
  add("PackageDependencyList", "a package list", Shape::Map).elementId = "PackageConstraints";
  types_["PackageDependencyList"]->acceptsNameList = true;
  object("PackageRepositoryConfig", "an extra repository", {
      Field("keys", mapOf("Source")), Field("config", mapOf("Source")).required(),
      Field("data", listOf("SourceMount")), Field("envs", listOf("RepoEnv")).required(),
  });
  object("PackageDependencies", "dependencies", {
      Field("build", "PackageDependencyList"), Field("runtime", "PackageDependencyList"),
      Field("recommends", "PackageDependencyList"), Field("test", "PackageDependencyList"),
      Field("sysext", "PackageDependencyList"), Field("extra_repos", listOf("PackageRepositoryConfig")),
  });

  // --- artifacts --------------------------------------------------------------------------------
  object("ArtifactCapability", "a capability", {
      Field("name", "string").required(), Field("effective", "bool"), Field("permitted", "bool"),
      Field("inheritable", "bool"),
  });
  object("ArtifactConfig", "an artifact", {
      Field("subpath", "string"), Field("name", "string"), Field("permissions", "int"), Field("user", "string"),
      Field("group", "string"), Field("linux_capabilities", listOf("ArtifactCapability")),
  });
  const std::string artifactMap = mapOf("ArtifactConfig");
  object("ArtifactDirConfig", "a directory", {Field("mode", "int"), Field("user", "string"), Field("group", "string")});
  object("CreateArtifactDirectories", "createDirectories", {
      Field("config", mapOf("ArtifactDirConfig")), Field("state", mapOf("ArtifactDirConfig")),
  });
  object("SystemdUnitConfig", "a systemd unit", {
      // The published schema requires name; Dalec's own examples leave it empty.
      Field("name", "string"), Field("enable", "bool"), Field("start", "bool"),
  });
  object("SystemdDropinConfig", "a systemd drop-in", {Field("unit", "string").required(), Field("name", "string")});
  object("SystemdConfiguration", "systemd", {
      Field("units", mapOf("SystemdUnitConfig")), Field("dropins", mapOf("SystemdDropinConfig")),
  });
  object("ArtifactSymlinkConfig", "a link", {
      Field("source", "string"), Field("dest", "string"), Field("user", "string"), Field("group", "string"),
  });
  object("AddUserConfig", "a user", {Field("name", "string").required()});
  object("AddGroupConfig", "a group", {Field("name", "string").required()});
  object("Artifacts", "artifacts", {
      Field("binaries", artifactMap), Field("libexec", artifactMap), Field("manpages", artifactMap),
      Field("data_dirs", artifactMap), Field("opt", artifactMap), Field("createDirectories", "CreateArtifactDirectories"),
      Field("configFiles", artifactMap), Field("docs", artifactMap), Field("licenses", artifactMap),
      Field("systemd", "SystemdConfiguration"), Field("libs", artifactMap), Field("links", listOf("ArtifactSymlinkConfig")),
      Field("headers", artifactMap), Field("users", listOf("AddUserConfig")), Field("groups", listOf("AddGroupConfig")),
      Field("disable_strip", "bool"), Field("disable_auto_requires", "bool"),
  });

  // --- image ------------------------------------------------------------------------------------
  object("SymlinkTarget", "a symlink", {
      Field("path", "string"), Field("paths", strings), Field("user", "string"), Field("group", "string"),
  }).exactlyOneOf = {{"path", "paths"}};  // the published schema wrongly requires both
  object("PostInstall", "image post-install", {Field("symlinks", mapOf("SymlinkTarget"))});
  object("BaseImage", "a base image", {Field("rootfs", "Source").required()});
  object("ImageConfig", "image", {
      Field("entrypoint", "string"), Field("cmd", "string"), Field("env", strings),
      Field("labels", stringMap).expands(E::MapValues), Field("volumes", mapOf("any")), Field("working_dir", "string"),
      Field("stop_signal", "string"), Field("user", "string"), Field("base", "string"),
      Field("bases", listOf("BaseImage")), Field("post", "PostInstall"),
  });

  // --- package config, frontend, changelog ------------------------------------------------------
  object("PackageSigner", "a signer", {
      Field("image", "string").required(), Field("cmdline", "string"), Field("args", stringMap).expands(E::MapValues),
  });
  object("PackageConfig", "package_config", {Field("signer", "PackageSigner")});
  object("Frontend", "a frontend", {Field("image", "string").required(), Field("cmdline", "string")});
  object("ChangelogEntry", "a changelog entry", {
      Field("date", "date").required(), Field("author", "string").required(), Field("changes", strings).required(),
  });

  // --- tests ------------------------------------------------------------------------------------
  object("CheckOutput", "an output check", {
      Field("equals", "string").expands(E::Value), Field("contains", strings).expands(E::Items),
      Field("matches", strings).expands(E::Items), Field("starts_with", "string").expands(E::Value),
      Field("ends_with", "string").expands(E::Value), Field("empty", "bool"),
  });
  object("FileCheckOutput", "a file check", {
      Field("equals", "string").expands(E::Value), Field("contains", strings).expands(E::Items),
      Field("matches", strings).expands(E::Items), Field("starts_with", "string").expands(E::Value),
      Field("ends_with", "string").expands(E::Value), Field("empty", "bool"), Field("permissions", "int"),
      Field("is_dir", "bool"), Field("not_exist", "bool"), Field("no_follow", "bool"),
      Field("link_target", "string").expands(E::Value),
  });
  object("TestStep", "a test step", {
      Field("command", "string").required().command(CommandKind::Argv),
      Field("env", stringMap).expands(E::MapValues), Field("stdin", "string").expands(E::Value),
      Field("stdout", "CheckOutput"), Field("stderr", "CheckOutput"),
  });
  object("TestSpec", "a test", {
      Field("name", "string").required(), Field("dir", "string"), Field("env", stringMap).expands(E::MapValues),
      Field("mounts", listOf("SourceMount")), Field("steps", listOf("TestStep")),
      Field("files", mapOf("FileCheckOutput")),
  });

  // --- targets and the spec itself --------------------------------------------------------------
  object("Target", "a target", {
      Field("dependencies", "PackageDependencies"), Field("image", "ImageConfig"), Field("frontend", "Frontend"),
      Field("tests", listOf("TestSpec")), Field("package_config", "PackageConfig"), Field("artifacts", "Artifacts"),
      Field("provides", "PackageDependencyList"), Field("replaces", "PackageDependencyList"),
      Field("conflicts", "PackageDependencyList"),
  });
  // Required top-level fields depend on the package kind; package_rules checks them.
  object("Spec", "the spec", {
      Field("name", "string"), Field("description", "string"), Field("website", "string"),
      Field("version", "string").expands(E::Value), Field("revision", "string").expands(E::Value),
      Field("license", "string"), Field("vendor", "string"), Field("packager", "string"), Field("noarch", "bool"),
      Field("conflicts", "PackageDependencyList"), Field("replaces", "PackageDependencyList"),
      Field("provides", "PackageDependencyList"), Field("args", stringMap), Field("sources", mapOf("Source")),
      Field("patches", mapOf(listOf("PatchSpec"))), Field("build", "ArtifactBuild"),
      Field("dependencies", "PackageDependencies"), Field("artifacts", "Artifacts"), Field("targets", mapOf("Target")),
      Field("image", "ImageConfig"), Field("package_config", "PackageConfig"), Field("changelog", listOf("ChangelogEntry")),
      Field("tests", listOf("TestSpec")),
  });
}

const Registry& registry() {
  static const Registry instance;
  return instance;
}

}  // namespace

const TypeDef& specType() { return *registry().find("Spec"); }
const TypeDef* typeById(std::string_view id) { return registry().find(id); }
std::vector<const TypeDef*> allTypes() { return registry().all(); }

}  // namespace dalec::schema
