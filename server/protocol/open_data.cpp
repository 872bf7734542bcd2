#include "protocol/open_data.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "protocol/json_types.hpp"
#include "protocol/public_view.hpp"

namespace encuentro::protocol {
namespace {

namespace d = domain;
using nlohmann::json;
using T = ColumnType;

// ---- the dictionary ---------------------------------------------------------------------------

constexpr Column kEncuentroColumns[] = {
    {"id", T::text, "Identificador del encuentro (aparece en las demás descargas y en su URL)."},
    {"titulo", T::text, "Título del encuentro."},
    {"entidades", T::id_list, "Entidades que lo convocaron (en CSV, separadas por \" | \")."},
    {"fecha", T::date, "Fecha en que se realizó."},
    {"lugar", T::text, "Lugar donde se realizó."},
    {"fase", T::text, "publicado, seguimiento o cerrado."},
    {"talleres", T::integer, "Número de talleres simultáneos."},
    {"asistentes", T::integer, "Personas que asistieron (registradas en la entrada)."},
    {"propuestas_principales", T::integer, "Propuestas priorizadas en los talleres."},
    {"compromisos", T::integer, "Compromisos asumidos por la entidad."},
    {"compromisos_cumplidos", T::integer, "Compromisos con último avance \"cumplido\"."},
    {"compromisos_vencidos", T::integer,
     "Compromisos cuya fecha límite pasó sin cumplirse (a la fecha de la descarga)."},
};

constexpr Column kProposalColumns[] = {
    {"id", T::text, "Identificador de la propuesta."},
    {"taller", T::integer, "Número del taller donde se priorizó."},
    {"punto_central", T::text, "Punto central (tema) al que responde."},
    {"pregunta", T::text, "Pregunta orientadora, si la propuesta responde a una."},
    {"propuesta", T::text, "Texto de la propuesta, como quedó en la relatoría."},
    {"votos", T::integer, "Votos recibidos en la priorización (celulares y conteo a mano)."},
    {"respuesta", T::text,
     "Tipo de respuesta de la entidad: compromiso, no_acogida, remitida; vacío si aún no tiene."},
    {"respuesta_id", T::text, "Identificador de la respuesta (ver respuestas)."},
    {"compromiso_id", T::text, "Identificador del compromiso, si la respuesta es un compromiso."},
};

constexpr Column kAnswerColumns[] = {
    {"id", T::text, "Identificador de la respuesta."},
    {"propuestas", T::id_list, "Propuestas que responde (en CSV, separadas por espacios)."},
    {"tipo", T::text, "compromiso, no_acogida (con su motivo) o remitida (a otra entidad)."},
    {"motivo", T::text, "Por qué no se acoge, o el contexto de la remisión."},
    {"remitida_a", T::text, "Entidad competente, cuando la respuesta es una remisión."},
    {"compromiso_id", T::text, "Identificador del compromiso, si la respuesta es un compromiso."},
    {"fecha", T::date, "Fecha de la respuesta."},
};

constexpr Column kCommitmentColumns[] = {
    {"id", T::text, "Identificador del compromiso."},
    {"compromiso", T::text, "Qué se compromete a hacer la entidad (versión vigente)."},
    {"entidad", T::text, "Entidad responsable."},
    {"dependencia", T::text, "Dependencia responsable."},
    {"fecha_limite", T::date, "Fecha límite para cumplirlo (versión vigente)."},
    {"indicador", T::text, "Cómo se mide el avance."},
    {"meta", T::text, "Valor del indicador que significa cumplido."},
    {"territorio", T::text, "Dónde aplica (comuna, vereda…); vacío: todo el territorio de la entidad."},
    {"partes", T::integer,
     "Número de partes; con partes, el avance es el promedio del avance de cada parte."},
    {"propuestas", T::id_list, "Propuestas que lo originaron (en CSV, separadas por espacios)."},
    {"estado", T::text, "pendiente, en_ejecucion, cumplido o no_cumplido (último reporte)."},
    {"avance_pct", T::integer,
     "Porcentaje de avance (0 a 100): el del último reporte o, con partes, el promedio de ellas."},
    {"fecha_avance", T::date, "Fecha de corte del último reporte; vacío si no tiene."},
    {"vencido", T::boolean,
     "Sí cuando la fecha límite pasó sin cumplirse, a la fecha de la descarga (en CSV sí/no)."},
};

constexpr Column kProgressColumns[] = {
    {"id", T::text, "Identificador del reporte de avance."},
    {"compromiso_id", T::text, "Compromiso al que se refiere."},
    {"parte", T::integer, "Parte del compromiso a la que se refiere; 0 si es el compromiso entero."},
    {"fecha_corte", T::date, "Fecha a la que corresponde el avance reportado."},
    {"avance_pct", T::integer, "Porcentaje de avance (0 a 100)."},
    {"estado", T::text, "pendiente, en_ejecucion, cumplido o no_cumplido."},
    {"nota", T::text, "Explicación de la dependencia."},
    {"evidencia_url", T::text, "Enlace a la evidencia, si la hay."},
    {"fecha_reporte", T::date, "Fecha en que se registró el reporte. Ningún reporte se borra."},
};

constexpr Column kObservationColumns[] = {
    {"id", T::text, "Identificador de la observación."},
    {"compromiso_id", T::text, "Compromiso sobre el que se hizo."},
    {"fecha", T::date, "Fecha en que se envió."},
    {"firma", T::text, "Nombre con que quiso firmar quien la escribió; vacío si es anónima."},
    {"observacion", T::text, "Texto de la observación, publicado tras la moderación."},
    {"respuesta", T::text, "Respuesta de la entidad; vacío si aún no responde."},
    {"fecha_respuesta", T::date, "Fecha de la respuesta de la entidad."},
};

constexpr DatasetInfo kDatasets[] = {
    {Dataset::encuentros, "encuentros", "encuentros", "Encuentros publicados",
     "Un registro por encuentro con resultados publicados, con sus cifras principales.",
     kEncuentroColumns},
    {Dataset::proposals, "proposals", "propuestas", "Propuestas principales",
     "Las propuestas priorizadas en cada taller, con sus votos y el tipo de respuesta.",
     kProposalColumns},
    {Dataset::answers, "answers", "respuestas", "Respuestas de la entidad",
     "Cada respuesta de la entidad a una o varias propuestas principales.", kAnswerColumns},
    {Dataset::commitments, "commitments", "compromisos", "Compromisos",
     "Los compromisos en su versión vigente, con su estado y avance a la fecha de la descarga.",
     kCommitmentColumns},
    {Dataset::progress, "progress", "avances", "Reportes de avance",
     "Todos los reportes de avance de los compromisos, en el orden en que se registraron.",
     kProgressColumns},
    {Dataset::observations, "observations", "observaciones", "Observaciones de veeduría",
     "Observaciones ciudadanas de seguimiento aprobadas por el organizador, con la respuesta de "
     "la entidad.",
     kObservationColumns},
};

std::string_view type_name(ColumnType type) {
  switch (type) {
    case T::text:
      return "texto";
    case T::integer:
      return "entero";
    case T::date:
      return "fecha";
    case T::boolean:
      return "booleano";
    case T::id_list:
      return "lista";
  }
  return "texto";
}

std::string path_of(const DatasetInfo& info) {
  if (info.id == Dataset::encuentros) return "/api/public/encuentros.{csv,json}";
  return "/api/public/encuentros/{id}/" + std::string(info.slug) + ".{csv,json}";
}

// ---- values -----------------------------------------------------------------------------------

json date_or_null(std::optional<d::Date> date) {
  return date ? json(date->iso()) : json(nullptr);
}

json text_or_empty(const std::optional<std::string>& value) {
  return value ? json(*value) : json("");
}

std::string answer_kind(d::AnswerKind kind) {
  switch (kind) {
    case d::AnswerKind::commitment:
      return "compromiso";
    case d::AnswerKind::not_adopted:
      return "no_acogida";
    case d::AnswerKind::referred:
      return "remitida";
    case d::AnswerKind::unknown:
      break;
  }
  return "";
}

std::string phase_label(d::Phase phase) {
  switch (phase) {
    case d::Phase::published:
      return "publicado";
    case d::Phase::follow_up:
      return "seguimiento";
    case d::Phase::closed:
      return "cerrado";
    default:
      return "";
  }
}

std::string status_of(const d::Encuentro& e, const d::Commitment& c, d::Date today) {
  return json(d::progress_of(e, c, today).status).get<std::string>();
}

// ---- rows -------------------------------------------------------------------------------------

json proposals(const d::Encuentro& e) {
  const auto totals = d::vote_totals(e);  // once, not once per proposal
  json rows = json::array();
  for (const d::Workshop& w : e.workshops) {
    for (const std::string& id : w.principal_proposals) {
      const d::Contribution* c = e.contribution(id);
      if (!c) continue;
      const d::CentralPoint* point = e.point(c->point_id);
      const d::GuideQuestion* question = c->question_id ? e.question(*c->question_id) : nullptr;
      const d::Answer* a = e.answer_for(c->id);
      const auto votes = totals.find(c->id);
      rows.push_back({{"id", c->id},
                      {"taller", w.number},
                      {"punto_central", point ? point->title : ""},
                      {"pregunta", question ? question->text : ""},
                      {"propuesta", c->text},
                      {"votos", votes == totals.end() ? 0 : votes->second},
                      {"respuesta", a ? answer_kind(a->kind) : ""},
                      {"respuesta_id", a ? a->id : ""},
                      {"compromiso_id", a ? text_or_empty(a->commitment_id) : json("")}});
    }
  }
  return rows;
}

json answers(const d::Encuentro& e, int utc_offset) {
  json rows = json::array();
  for (const d::Answer& a : e.answers) {
    rows.push_back({{"id", a.id},
                    {"propuestas", a.proposal_ids},
                    {"tipo", answer_kind(a.kind)},
                    {"motivo", a.reason},
                    {"remitida_a", a.referred_to},
                    {"compromiso_id", text_or_empty(a.commitment_id)},
                    {"fecha", civil_date_of(a.at, utc_offset).iso()}});
  }
  return rows;
}

json commitments(const d::Encuentro& e, d::Date today) {
  json rows = json::array();
  for (const d::Commitment& c : e.commitments) {
    const d::CommitmentTerms& t = c.terms();
    const d::CommitmentProgress p = d::progress_of(e, c, today);
    rows.push_back({{"id", c.id},
                    {"compromiso", t.what},
                    {"entidad", t.entity},
                    {"dependencia", t.office},
                    {"fecha_limite", t.due_date.iso()},
                    {"indicador", t.indicator},
                    {"meta", t.goal},
                    {"territorio", t.territory},
                    {"partes", t.parts.size()},
                    {"propuestas", c.proposal_ids},
                    {"estado", json(p.status)},
                    {"avance_pct", p.percent},
                    {"fecha_avance", p.latest ? json(p.latest->as_of.iso()) : json(nullptr)},
                    {"vencido", d::is_overdue(e, c, today)}});
  }
  return rows;
}

json progress(const d::Encuentro& e, int utc_offset) {
  json rows = json::array();
  for (const d::ProgressReport& r : e.progress_reports) {
    rows.push_back({{"id", r.id},
                    {"compromiso_id", r.commitment_id},
                    {"parte", r.part},
                    {"fecha_corte", r.as_of.iso()},
                    {"avance_pct", r.percent},
                    {"estado", r.status},
                    {"nota", r.note},
                    {"evidencia_url", r.evidence_url},
                    {"fecha_reporte", civil_date_of(r.reported_at, utc_offset).iso()}});
  }
  return rows;
}

json observations(const d::Encuentro& e, int utc_offset) {
  json rows = json::array();
  for (const d::Observation& o : e.observations) {
    if (o.status != d::ObservationStatus::approved) continue;
    rows.push_back(
        {{"id", o.id},
         {"compromiso_id", o.commitment_id},
         {"fecha", civil_date_of(o.at, utc_offset).iso()},
         {"firma", o.alias},
         {"observacion", o.text},
         {"respuesta", o.reply ? o.reply->text : ""},
         {"fecha_respuesta",
          date_or_null(o.reply ? std::optional(civil_date_of(o.reply->at, utc_offset))
                               : std::nullopt)}});
  }
  return rows;
}

std::string csv_value(const Column& column, const json& value) {
  if (value.is_null()) return "";
  switch (column.type) {
    case T::boolean:
      return value.get<bool>() ? "sí" : "no";
    case T::integer:
      return std::to_string(value.get<long long>());
    case T::id_list: {
      // Entity names hold spaces; ids do not.
      const std::string_view separator = column.name == "entidades" ? " | " : " ";
      std::string joined;
      for (const auto& item : value) {
        if (!joined.empty()) joined += separator;
        joined += item.get<std::string>();
      }
      return joined;
    }
    case T::text:
    case T::date:
      return value.get<std::string>();
  }
  return "";
}

}  // namespace

std::span<const DatasetInfo> datasets() {
  return kDatasets;
}

const DatasetInfo* find_dataset(std::string_view slug) {
  for (const DatasetInfo& info : kDatasets) {
    if (info.slug == slug) return &info;
  }
  return nullptr;
}

json dataset_rows(Dataset dataset, const d::Encuentro& e, d::Date today, int utc_offset_minutes) {
  switch (dataset) {
    case Dataset::proposals:
      return proposals(e);
    case Dataset::answers:
      return answers(e, utc_offset_minutes);
    case Dataset::commitments:
      return commitments(e, today);
    case Dataset::progress:
      return progress(e, utc_offset_minutes);
    case Dataset::observations:
      return observations(e, utc_offset_minutes);
    case Dataset::encuentros:
      break;
  }
  return json::array({encuentro_row(e, today)});
}

json encuentro_row(const d::Encuentro& e, d::Date today) {
  int fulfilled = 0;
  int overdue = 0;
  for (const d::Commitment& c : e.commitments) {
    fulfilled += status_of(e, c, today) == "cumplido" ? 1 : 0;
    overdue += d::is_overdue(e, c, today) ? 1 : 0;
  }
  return {{"id", e.id},
          {"titulo", e.details.title},
          {"entidades", e.details.entities},
          {"fecha", e.details.date.iso()},
          {"lugar", e.details.venue},
          {"fase", phase_label(e.phase)},
          {"talleres", e.workshops.size()},
          {"asistentes", e.participants.size()},
          {"propuestas_principales", d::all_principal_proposals(e).size()},
          {"compromisos", e.commitments.size()},
          {"compromisos_cumplidos", fulfilled},
          {"compromisos_vencidos", overdue}};
}

std::string to_csv(const DatasetInfo& dataset, const json& rows) {
  std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte order mark, so spreadsheets read the accents
  bool first = true;
  for (const Column& column : dataset.columns) {
    if (!first) csv += ',';
    first = false;
    csv += column.name;
  }
  csv += "\r\n";
  for (const json& row : rows) {
    first = true;
    for (const Column& column : dataset.columns) {
      if (!first) csv += ',';
      first = false;
      const auto cell = row.find(column.name);
      if (cell != row.end()) csv += csv_cell(csv_value(column, *cell));
    }
    csv += "\r\n";
  }
  return csv;
}

json data_dictionary() {
  json list = json::array();
  for (const DatasetInfo& info : kDatasets) {
    json columns = json::array();
    for (const Column& c : info.columns) {
      columns.push_back(
          {{"name", c.name}, {"type", type_name(c.type)}, {"description", c.description}});
    }
    list.push_back({{"name", info.slug},
                    {"file", info.file},
                    {"title", info.title},
                    {"description", info.description},
                    {"path", path_of(info)},
                    {"formats", {"csv", "json"}},
                    {"columns", std::move(columns)}});
  }
  return {{"encoding",
           "CSV: UTF-8 con BOM, separado por comas, fin de línea CRLF (RFC 4180); una celda que "
           "empieza por = + - @ lleva un apóstrofo delante. JSON: UTF-8, un arreglo de objetos con "
           "las mismas columnas; fechas AAAA-MM-DD; una fecha sin valor es null."},
          {"datasets", std::move(list)}};
}

}  // namespace encuentro::protocol
