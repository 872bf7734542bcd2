// Router: exact paths and `{name}` segments, HEAD answered by GET, Allow for other methods.
#include "transport/router.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace encuentro::testing {
namespace {

using transport::Router;
using transport::RouteRequest;
using transport::RouteResponse;

transport::RouteHandler answer(std::string text) {
  return [text](const RouteRequest&) {
    RouteResponse r;
    r.body = text;
    return r;
  };
}

std::string call(const Router::Match& m) {
  REQUIRE(m.handler != nullptr);
  return (*m.handler)(RouteRequest{}).body;
}

std::vector<std::string> params(const Router::Match& m) {
  return {m.params.begin(), m.params.end()};
}

}  // namespace

TEST_CASE("router: exact paths match exactly") {
  Router router;
  router.add("GET", "/healthz", answer("health"));
  CHECK(call(router.match("GET", "/healthz")) == "health");
  CHECK(router.match("GET", "/healthz").params.empty());
  CHECK_FALSE(router.match("GET", "/healthz/").path_known);
  CHECK_FALSE(router.match("GET", "/health").path_known);
  const auto post = router.match("POST", "/healthz");
  CHECK(post.path_known);
  CHECK(post.handler == nullptr);
  CHECK(post.allow == "GET, HEAD");
}

TEST_CASE("router: {name} segments match one non-empty segment and are captured in order") {
  Router router;
  router.add("GET", "/api/public/encuentros", answer("list"));
  router.add("GET", "/api/public/encuentros/{id}", answer("detail"));
  router.add("GET", "/api/public/encuentros/{id}/commitments.csv", answer("csv"));
  router.add("GET", "/a/{x}/b/{y}", answer("two"));

  CHECK(call(router.match("GET", "/api/public/encuentros")) == "list");
  const auto detail = router.match("GET", "/api/public/encuentros/e-cascajal-2026");
  CHECK(call(detail) == "detail");
  CHECK(params(detail) == std::vector<std::string>{"e-cascajal-2026"});
  const auto csv = router.match("GET", "/api/public/encuentros/e-1/commitments.csv");
  CHECK(call(csv) == "csv");
  CHECK(params(csv) == std::vector<std::string>{"e-1"});
  CHECK(params(router.match("GET", "/a/1/b/2")) == std::vector<std::string>{"1", "2"});

  CHECK_FALSE(router.match("GET", "/api/public/encuentros/").path_known);  // empty segment
  CHECK_FALSE(router.match("GET", "/api/public/encuentros/e-1/").path_known);
  CHECK_FALSE(router.match("GET", "/api/public/encuentros/e-1/commitments.xls").path_known);
  CHECK_FALSE(router.match("GET", "/api/public/encuentros/e-1/commitments.csv/x").path_known);
  CHECK_FALSE(router.match("GET", "/a/1/c/2").path_known);
  CHECK_FALSE(router.match("GET", "/a//b/2").path_known);
}

TEST_CASE("router: HEAD is answered by the GET handler, with its parameters") {
  Router router;
  router.add("GET", "/api/public/encuentros/{id}", answer("detail"));
  const auto head = router.match("HEAD", "/api/public/encuentros/e-7");
  CHECK(call(head) == "detail");
  CHECK(params(head) == std::vector<std::string>{"e-7"});
  const auto put = router.match("PUT", "/api/public/encuentros/e-7");
  CHECK(put.path_known);
  CHECK(put.handler == nullptr);
  CHECK(put.allow == "GET, HEAD");
}

}  // namespace encuentro::testing
