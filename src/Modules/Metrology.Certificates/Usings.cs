global using Metrology.Core.Instruments;
