global using Metrology.Core.Appointments;
