#include "accountingapi.h"

#include "emulatorclock.h"
#include "emulatorstate.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

struct RegionFacts
{
    const char *version; //!< Xero's "Version": the edition, which decides the payroll API
    const char *country; //!< ISO 3166 alpha-2, so the UK is GB
    const char *currency;
    const char *timezone;
};

RegionFacts factsFor(Region region)
{
    switch (region) {
    case Region::AU:
        return { "AU", "AU", "AUD", "AUSEASTERNSTANDARDTIME" };
    case Region::UK:
        return { "UK", "GB", "GBP", "GMTSTANDARDTIME" };
    case Region::NZ:
        return { "NZ", "NZ", "NZD", "NEWZEALANDSTANDARDTIME" };
    }
    return { "AU", "AU", "AUD", "AUSEASTERNSTANDARDTIME" };
}

} // namespace

AccountingApi::AccountingApi(EmulatorContext context)
    : m_context(context)
{ }

ApiResponse AccountingApi::handle(ApiRequest &request)
{
    const auto &s = request.segments;
    const auto instance = m_context.ids.uuid();
    const bool organisation =
        s.size() == 3 && s[2].compare(QLatin1String("Organisation"), Qt::CaseInsensitive) == 0;
    if (!organisation || request.method != "GET")
        return ApiResponse::json(404,
            Json { { "ErrorNumber", 0 }, { "Type", "NotFoundException" },
                { "Message", "The resource you're looking for cannot be found" } });
    if (!request.hasAnyScope({ "accounting.settings", "accounting.settings.read" }))
        return OAuthServer::insufficientScope(instance);
    const auto &tenant = *request.tenant;
    const auto facts = factsFor(tenant.region);
    Json org { { "Name", tenant.name }, { "LegalName", tenant.name }, { "PaysTax", true },
        { "Version", facts.version }, { "OrganisationType", "COMPANY" },
        { "BaseCurrency", facts.currency }, { "CountryCode", facts.country },
        { "IsDemoCompany", true }, { "OrganisationStatus", "ACTIVE" },
        { "CreatedDateUTC", XeroDates::msDateTimeNoOffset(tenant.created) },
        { "OrganisationEntityType", "COMPANY" }, { "Timezone", facts.timezone },
        { "OrganisationID", tenant.id }, { "Edition", "BUSINESS" }, { "Class", "PREMIUM" },
        { "Addresses", Json::array() }, { "Phones", Json::array() },
        { "ExternalLinks", Json::array() }, { "PaymentTerms", Json::object() } };
    return ApiResponse::json(200,
        Json { { "Id", m_context.ids.uuid() }, { "Status", "OK" },
            { "ProviderName", request.clientId },
            { "DateTimeUTC", XeroDates::msDateTimeNoOffset(m_context.clock.now()) },
            { "Organisations", Json::array({ org }) } });
}

} // namespace XeroEmulator
