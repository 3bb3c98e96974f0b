global using Metrology.Core.Appointments;
global using Metrology.Core.Verification;
global using Metrology.Verification.Models;
