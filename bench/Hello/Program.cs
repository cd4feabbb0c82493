// The smallest program the runtime can start: the baseline that CLI start-up is measured against.
Console.WriteLine("Hello, World!");
