global using Metrology.Core.Notifications;
