global using Metrology.Core.Appointments;
global using Metrology.Core.Instruments;
global using Metrology.Reminders.Models;
