#include "buildkit/definition_builder.h"

#include <set>

namespace dalec::buildkit {

namespace {
void setPosition(llb::Position* out, const llb::LlbPosition& in) {
  out->set_line(in.line);
  out->set_character(in.character);
}

std::string parentOf(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? std::string() : path.substr(0, slash);
}
}  // namespace

OpOutput DefinitionBuilder::add(const llb::Op& op) {
  std::string bytes;
  op.SerializeToString(&bytes);
  std::string digest = llb::sha256Digest(bytes);
  definition_.add_def(std::move(bytes));
  // Every op gets a metadata entry, as BuildKit's own marshalling writes: Go's pb.Definition.IsNil
  // treats a Definition without metadata as no Definition at all, so a frontend input without it
  // reaches the frontend as nil ("invalid nil input definition to definition op").
  (*definition_.mutable_metadata())[digest];
  return {std::move(digest), 0};
}

OpOutput DefinitionBuilder::addExec(const llb::ExecOp& exec, const std::vector<OpOutput>& inputs) {
  llb::Op op;
  for (const OpOutput& input : inputs) {
    llb::Input* in = op.add_inputs();
    in->set_digest(input.digest);
    in->set_index(input.index);
  }
  *op.mutable_exec() = exec;
  return add(op);
}

void DefinitionBuilder::describe(const OpOutput& op, const std::string& key, const std::string& value) {
  (*(*definition_.mutable_metadata())[op.digest].mutable_description())[key] = value;
}

void DefinitionBuilder::group(const OpOutput& op, const std::string& id, const std::string& name) {
  llb::ProgressGroup* group = (*definition_.mutable_metadata())[op.digest].mutable_progress_group();
  group->set_id(id);
  group->set_name(name);
}

int DefinitionBuilder::addSourceInfo(const std::string& filename, const std::string& data, const std::string& language) {
  llb::SourceInfo* info = definition_.mutable_source()->add_infos();
  info->set_filename(filename);
  info->set_data(data);
  info->set_language(language);
  return definition_.source().infos_size() - 1;
}

void DefinitionBuilder::locate(const OpOutput& op, int sourceIndex, const std::vector<llb::LlbRange>& ranges) {
  llb::Location* location = (*definition_.mutable_source()->mutable_locations())[op.digest].add_locations();
  location->set_sourceindex(sourceIndex);
  for (const llb::LlbRange& range : ranges) {
    llb::Range* r = location->add_ranges();
    setPosition(r->mutable_start(), range.start);
    setPosition(r->mutable_end(), range.end);
  }
}

llb::Definition DefinitionBuilder::finish(const OpOutput& head) {
  // BuildKit takes the last op as the terminal: no operation, one input, the result.
  llb::Op terminal;
  llb::Input* input = terminal.add_inputs();
  input->set_digest(head.digest);
  input->set_index(head.index);
  add(terminal);
  return std::move(definition_);
}

OpOutput addFileTree(DefinitionBuilder& builder, const std::vector<InlineFile>& files) {
  // One file op: its actions chain, each taking the previous action's result as input. An input
  // of -1 is scratch; actions count after the op's own inputs (none here).
  llb::Op op;
  llb::FileOp* fileOp = op.mutable_file();
  std::set<std::string> directories;
  for (const InlineFile& file : files)
    for (std::string dir = parentOf(file.path); !dir.empty(); dir = parentOf(dir)) directories.insert(dir);
  auto chain = [&](llb::FileAction* action) {
    const int index = fileOp->actions_size() - 1;
    action->set_input(index == 0 ? -1 : index - 1);
    action->set_secondaryinput(-1);
    action->set_output(-1);
  };
  for (const std::string& dir : directories) {  // std::set orders parents before children
    llb::FileAction* action = fileOp->add_actions();
    chain(action);
    action->mutable_mkdir()->set_path(dir);
    action->mutable_mkdir()->set_mode(0755);
    action->mutable_mkdir()->set_makeparents(true);
  }
  for (const InlineFile& file : files) {
    llb::FileAction* action = fileOp->add_actions();
    chain(action);
    action->mutable_mkfile()->set_path(file.path);
    action->mutable_mkfile()->set_mode(file.mode);
    action->mutable_mkfile()->set_data(file.data);
  }
  if (fileOp->actions_size() == 0) {  // an empty directory still needs one action
    llb::FileAction* action = fileOp->add_actions();
    chain(action);
    action->mutable_mkdir()->set_path("/");
    action->mutable_mkdir()->set_mode(0755);
    action->mutable_mkdir()->set_makeparents(true);
  }
  // The last action's result is the op's output 0.
  fileOp->mutable_actions(fileOp->actions_size() - 1)->set_output(0);
  return builder.add(op);
}

llb::Definition fileTreeDefinition(const std::vector<InlineFile>& files) {
  DefinitionBuilder builder;
  const OpOutput tree = addFileTree(builder, files);
  return builder.finish(tree);
}

}  // namespace dalec::buildkit
