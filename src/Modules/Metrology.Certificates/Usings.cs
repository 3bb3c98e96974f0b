global using Metrology.Core.Instruments;
global using Metrology.Core.Appointments;
