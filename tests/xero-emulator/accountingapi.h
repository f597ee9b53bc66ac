#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "emulatorcontext.h"

namespace XeroEmulator {

//! The one Accounting 2.0 call (`/api.xro/2.0`) a payroll integration makes: `GET Organisation`,
//! whose `Version` and `CountryCode` tell which payroll API the organisation uses. Nothing else
//! of the accounting API is emulated.
class AccountingApi
{
public:
    explicit AccountingApi(EmulatorContext context);

    ApiResponse handle(ApiRequest &request);

private:
    EmulatorContext m_context;
};

} // namespace XeroEmulator
