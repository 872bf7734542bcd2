#include "protocol/public_feed.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace encuentro::protocol {
namespace {

namespace d = domain;

constexpr d::Timestamp kMillisPerDay = 24LL * 60 * 60 * 1000;

std::string_view status_label(d::ProgressStatus status) {
  switch (status) {
    case d::ProgressStatus::pendiente:
      return "pendiente";
    case d::ProgressStatus::en_ejecucion:
      return "en ejecución";
    case d::ProgressStatus::cumplido:
      return "cumplido";
    case d::ProgressStatus::no_cumplido:
      return "no cumplido";
    default:
      return "sin estado";
  }
}

struct Entry {
  std::string id;
  d::Timestamp updated = 0;
  std::string title;
  std::string link;     // relative
  std::string summary;  // plain text
};

std::string urn(const d::Encuentro& e, std::string_view kind, std::string_view id) {
  std::string out = "urn:encuentro:" + e.id;
  if (!kind.empty()) out += ":" + std::string(kind) + ":" + std::string(id);
  return out;
}

std::string commitment_link(const d::Encuentro& e, std::string_view commitment_id) {
  return "/publico/" + e.id + "/compromisos/" + std::string(commitment_id);
}

std::string terms_summary(const d::CommitmentTerms& t) {
  std::string out = t.what + " — " + t.entity;
  if (!t.office.empty()) out += " (" + t.office + ")";
  out += ". Fecha límite: " + t.due_date.iso() + ".";
  if (!t.indicator.empty()) out += " Indicador: " + t.indicator + ".";
  if (!t.goal.empty()) out += " Meta: " + t.goal + ".";
  return out;
}

void add_commitment_entries(const d::Encuentro& e, const d::Commitment& c,
                            std::vector<Entry>& entries) {
  for (const d::CommitmentVersion& v : c.versions) {
    Entry entry;
    entry.id = urn(e, "compromiso", c.id + ":v" + std::to_string(v.version));
    entry.updated = v.at;
    entry.title = v.version == 1 ? "Compromiso: " + v.terms.what
                                 : "Compromiso revisado (versión " + std::to_string(v.version) +
                                       "): " + v.terms.what;
    entry.link = commitment_link(e, c.id);
    entry.summary = terms_summary(v.terms);
    if (!v.reason.empty()) entry.summary += " Motivo del cambio: " + v.reason;
    entries.push_back(std::move(entry));
  }
  for (const d::ProgressReport& r : e.progress_reports) {
    if (r.commitment_id != c.id) continue;
    Entry entry;
    entry.id = urn(e, "avance", r.id);
    entry.updated = r.reported_at;
    const std::string part = r.part > 0 ? " de la parte " + std::to_string(r.part) : "";
    entry.title = "Avance" + part + " " + std::to_string(r.percent) + " % (" +
                  std::string(status_label(r.status)) + "): " + c.terms().what;
    entry.link = commitment_link(e, c.id);
    entry.summary = "Avance al " + r.as_of.iso() + ": " + std::to_string(r.percent) + " %, " +
                    std::string(status_label(r.status)) + ".";
    if (!r.note.empty()) entry.summary += " " + r.note;
    if (!r.evidence_url.empty()) entry.summary += " Evidencia: " + r.evidence_url;
    entries.push_back(std::move(entry));
  }
  // Veeduría: approved observations only, and the entity's replies to them.
  for (const d::Observation& o : e.observations) {
    if (o.commitment_id != c.id || o.status != d::ObservationStatus::approved) continue;
    Entry entry;
    entry.id = urn(e, "observacion", o.id);
    entry.updated = o.at;
    entry.title = "Observación ciudadana: " + c.terms().what;
    entry.link = commitment_link(e, c.id);
    entry.summary = (o.alias.empty() ? std::string("Anónima") : o.alias) + ": " + o.text;
    entries.push_back(std::move(entry));
    if (o.reply) {
      Entry reply;
      reply.id = urn(e, "respuesta", o.id);
      reply.updated = o.reply->at;
      reply.title = "Respuesta de la entidad a una observación: " + c.terms().what;
      reply.link = commitment_link(e, c.id);
      reply.summary = o.reply->text + " (Observación: " + o.text + ")";
      entries.push_back(std::move(reply));
    }
  }
}

std::string render(const d::Encuentro& e, const std::string& feed_id, const std::string& title,
                   const std::string& self, const std::string& alternate,
                   std::vector<Entry> entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.updated > b.updated; });
  d::Timestamp updated = entries.empty() ? 0 : entries.front().updated;
  for (const d::PhaseChange& change : e.phase_history) updated = std::max(updated, change.at);

  std::string author;
  for (const std::string& entity : e.details.entities) {
    if (!author.empty()) author += ", ";
    author += entity;
  }
  if (author.empty()) author = "Encuentro";

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"es\">\n";
  out += "  <id>" + xml_text(feed_id) + "</id>\n";
  out += "  <title>" + xml_text(title) + "</title>\n";
  out += "  <updated>" + rfc3339(updated) + "</updated>\n";
  out += "  <author><name>" + xml_text(author) + "</name></author>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_text(self) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_text(alternate) + "\"/>\n";
  for (const Entry& entry : entries) {
    out += "  <entry>\n";
    out += "    <id>" + xml_text(entry.id) + "</id>\n";
    out += "    <title>" + xml_text(entry.title) + "</title>\n";
    out += "    <updated>" + rfc3339(entry.updated) + "</updated>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_text(entry.link) + "\"/>\n";
    out += "    <summary>" + xml_text(entry.summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string feed_path(const d::Encuentro& e) { return "/api/public/encuentros/" + e.id; }

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;  // not allowed in XML
        out += ch;
    }
  }
  return out;
}

std::string rfc3339(d::Timestamp at) {
  d::Timestamp days = at / kMillisPerDay;
  d::Timestamp rest = at % kMillisPerDay;
  if (rest < 0) {  // before 1970: floor, not truncation
    rest += kMillisPerDay;
    --days;
  }
  d::Date date;
  date.days_since_epoch = static_cast<std::int32_t>(days);
  const long long seconds = rest / 1000;
  char time[16];
  std::snprintf(time, sizeof time, "T%02lld:%02lld:%02lldZ", seconds / 3600, seconds / 60 % 60,
                seconds % 60);
  return date.iso() + time;
}

std::string encuentro_feed(const d::Encuentro& e) {
  std::vector<Entry> entries;
  for (const d::PhaseChange& change : e.phase_history) {
    if (change.phase != d::Phase::published) continue;
    Entry entry;
    entry.id = urn(e, "publicacion", "1");
    entry.updated = change.at;
    entry.title = "Resultados publicados: " + e.details.title;
    entry.link = "/publico/" + e.id;
    entry.summary = "La entidad publicó las propuestas principales, sus respuestas y " +
                    std::to_string(e.commitments.size()) + " compromisos.";
    entries.push_back(std::move(entry));
  }
  for (const d::Commitment& c : e.commitments) add_commitment_entries(e, c, entries);
  return render(e, urn(e, "", ""), "Seguimiento: " + e.details.title, feed_path(e) + "/feed.atom",
                "/publico/" + e.id, std::move(entries));
}

std::optional<std::string> commitment_feed(const d::Encuentro& e, std::string_view commitment_id) {
  const d::Commitment* c = e.commitment(commitment_id);
  if (!c) return std::nullopt;
  std::vector<Entry> entries;
  add_commitment_entries(e, *c, entries);
  return render(e, urn(e, "compromiso", c->id), "Compromiso: " + c->terms().what,
                feed_path(e) + "/commitments/" + c->id + "/feed.atom", commitment_link(e, c->id),
                std::move(entries));
}

}  // namespace encuentro::protocol
