global using Xunit;
global using Metrology.Core.Notifications;
global using Metrology.Core.Instruments;
