// encuentro-schema: prints the JSON Schema of the live protocol (protocol/json_schema.hpp) to
// stdout, exactly as committed in shared/protocol/schema/protocol.schema.json:
//
//   build/test/encuentro-schema > shared/protocol/schema/protocol.schema.json
#include <exception>
#include <iostream>

#include "protocol/json_schema.hpp"

int main(int argc, char** argv) {
  if (argc > 1) {
    std::cerr << "usage: " << argv[0] << " > shared/protocol/schema/protocol.schema.json\n";
    return 2;
  }
  try {
    // Two-space indent and a final newline: the committed file's exact bytes (json_schema_test).
    std::cout << encuentro::protocol::protocol_schema().dump(2) << '\n' << std::flush;
  } catch (const std::exception& e) {
    std::cerr << "encuentro-schema: " << e.what() << '\n';
    return 1;
  }
  return std::cout ? 0 : 1;
}
